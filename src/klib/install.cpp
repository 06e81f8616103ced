#include "klib/install.h"

#include "base/error.h"

namespace ks::klib {

std::filesystem::path install(const app::App& app, const Library& lib,
                              const std::vector<std::string>& pin_envs) {
  app::Spec spec = app.spec();
  for (const auto& name : pin_envs) {
    auto it = spec.environments.find(name);
    if (it == spec.environments.end()) {
      app.env(name);  // the error lists the envs there are
      throw Error("environment '" + name +
                  "' is defined in app.override.yaml; set its k8sVersion there");
    }
    it->second.k8s_version = lib.k8s_version;
  }
  const auto& layout = app.layout();
  std::filesystem::path target = layout.lib() / app_lib_dir(lib.k8s_version);
  app::Transaction txn(layout);
  std::filesystem::path staged = txn.staging_dir() / ("ksonnet-lib-" + lib.k8s_version);
  write_library(staged, lib);
  txn.install_dir(staged, target);
  if (!pin_envs.empty()) app.stage_spec(txn, spec);
  txn.commit();
  return target;
}

}  // namespace ks::klib
