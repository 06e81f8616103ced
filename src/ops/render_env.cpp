#include "ops/render_env.h"

#include <algorithm>

#include "base/error.h"
#include "registry/packages.h"

namespace ks::ops {

void require_intact_packages(const app::App& app) {
  auto drift = registry::verify_packages(app);
  std::erase_if(drift, [](const registry::Drift& d) { return d.missing; });
  if (!drift.empty()) {
    throw Error("vendored package " + drift.front().key + ": " + drift.front().problem +
                (drift.size() > 1 ? "; run `ks pkg verify` for all" : ""));
  }
}

RenderedEnv render_checked(const app::App& app, const EnvRequest& request) {
  RenderedEnv out;
  out.env = app.resolve_env_name(request.env);
  require_intact_packages(app);
  out.objects = render::render_env(app, out.env, request.render).objects;
  return out;
}

}  // namespace ks::ops
