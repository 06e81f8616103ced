#pragma once
// `ks init`: a new app folder with ksonnet 0.13's layout.
#include <filesystem>
#include <map>
#include <string>

namespace ks::app {

struct InitOptions {
  std::string name;
  std::filesystem::path dir;  // target folder; default ./NAME
  bool create_default_env = true;
  std::string env_name = "default";
  std::string server;  // "" when no cluster is known
  std::string ns = "default";
  std::string context;  // kube context the default env binds to
  std::string k8s_version;
  std::map<std::string, std::string> lib_files;  // generated ksonnet-lib, paths relative to lib/
};

// Creates the app; refuses a non-empty target. Returns the app root.
std::filesystem::path init_app(const InitOptions& options);

// The Kubernetes version ks assumes for its built-in k.libsonnet.
inline constexpr const char* kDefaultK8sVersion = "v1.32.0";

}  // namespace ks::app
