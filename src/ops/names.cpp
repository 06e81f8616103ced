#include "ops/names.h"

#include <sstream>

#include "app/app.h"
#include "base/strings.h"
#include "kube/kubeconfig.h"
#include "registry/packages.h"
#include "registry/registry.h"

namespace ks::ops {

std::vector<std::string> names(const std::string& dir, NameKind kind) {
  if (kind == NameKind::KubeContext) return kube::context_names(kube::load_kubeconfig());
  std::vector<std::string> out;
  std::ostringstream quiet_log;
  auto app = app::App::load(dir);
  switch (kind) {
    case NameKind::Env:
      return app.spec().env_names();
    case NameKind::Component:
      for (const auto& c : app::list_all_components(app.layout())) out.push_back(c.name);
      break;
    case NameKind::Module:
      return app::list_modules(app.layout());
    case NameKind::Prototype:
      for (const auto& p : registry::prototype_catalog(app)) {
        const std::string prefix = "io.ksonnet.pkg.";
        out.push_back(str::starts_with(p.name, prefix) ? p.name.substr(prefix.size()) : p.name);
      }
      break;
    case NameKind::Registry:
      for (const auto& r : registry::list_registries(app)) out.push_back(r.name);
      break;
    case NameKind::Package:
    case NameKind::InstalledPackage:
      for (const auto& p :
           registry::list_packages(app, kind == NameKind::InstalledPackage, quiet_log))
        out.push_back(p.registry + "/" + p.name);
      break;
    default:
      break;
  }
  return out;
}

}  // namespace ks::ops
