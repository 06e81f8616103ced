#pragma once
// Where things live inside an app folder (ksonnet 0.13's layout).
#include <filesystem>
#include <string>

namespace ks::app {

namespace stdfs = std::filesystem;

struct Layout {
  stdfs::path root;

  stdfs::path app_yaml() const { return root / "app.yaml"; }
  stdfs::path override_yaml() const { return root / "app.override.yaml"; }
  stdfs::path components() const { return root / "components"; }
  stdfs::path environments() const { return root / "environments"; }
  stdfs::path env_dir(const std::string& env_path) const { return environments() / env_path; }
  stdfs::path lib() const { return root / "lib"; }
  stdfs::path vendor() const { return root / "vendor"; }
  stdfs::path dot_ksonnet() const { return root / ".ksonnet"; }
  stdfs::path registry_cache() const { return dot_ksonnet() / "registries"; }
  // Namespaces an env was moved away from by `ks env set --namespace` in this checkout (one a
  // line): only these are searched for objects the env left behind (docs/deploying.md).
  stdfs::path moved_namespaces_file(const std::string& env) const {
    return dot_ksonnet() / "moved-namespaces" / env;
  }
  stdfs::path current_env_file() const { return root / ".ks_environment"; }
  // Module "a.b" lives in components/a/b; "/" (or "") is components/ itself.
  stdfs::path module_dir(const std::string& module) const;
  stdfs::path module_params(const std::string& module) const {
    return module_dir(module) / "params.libsonnet";
  }
};

// Walks up from `start` to the nearest folder holding app.yaml; throws when there is none.
Layout find_layout(const stdfs::path& start);

}  // namespace ks::app
