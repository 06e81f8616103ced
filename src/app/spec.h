#pragma once
// The app.yaml model. ks reads ksonnet's schemas 0.1.0, 0.2.0 and 0.3.0 (migrating in memory as
// ksonnet did) and always writes 0.3.0 with sorted keys. Fields ks does not know are kept.
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace ks::app {

struct Library {
  std::string name;      // package name (or the --name given at install)
  std::string registry;  // registry name
  std::string version;   // ksonnet's field: commit SHA for git registries, "" for local ones
  std::string ref;       // ks: the ref asked for (branch, tag, SHA)
  std::string commit;    // ks: resolved commit SHA
  std::string sha256;    // ks: hash of the vendored tree
  nlohmann::json extra = nlohmann::json::object();
};

struct Registry {
  std::string protocol;  // fs, git, github (ksonnet), helm (read only)
  std::string uri;
  std::string version;  // ks: ref asked for
  std::string commit;   // ks: resolved commit SHA
  nlohmann::json extra = nlohmann::json::object();
};

struct Environment {
  std::string name;
  std::string k8s_version;
  std::string path;     // folder under environments/
  std::string server;   // destination.server
  std::string ns;       // destination.namespace
  std::string context;  // ks: kube context the env is bound to ("" = bound by server only)
  std::vector<std::string> targets;  // module names rendered ("/" = root); empty = root only
  std::map<std::string, Library> libraries;
  nlohmann::json extra = nlohmann::json::object();
};

struct Spec {
  std::string name;
  std::string version = "0.0.1";
  std::map<std::string, Environment> environments;
  std::map<std::string, Registry> registries;
  std::map<std::string, Library> libraries;         // key: "<registry>/<name>"
  nlohmann::json extra = nlohmann::json::object();  // other top-level fields, kept verbatim

  // From app.override.yaml (local, git-ignored): they win over the entries above and are never
  // written to app.yaml.
  std::map<std::string, Environment> env_overrides;
  std::map<std::string, Registry> registry_overrides;

  // The effective entry (override first), or nullptr.
  const Environment* find_env(const std::string& name) const;
  const Registry* find_registry(const std::string& name) const;
  std::vector<std::string> env_names() const;  // sorted, overrides included
};

inline constexpr const char* kSpecApiVersion = "0.3.0";

// Parses app.yaml text; `source` names the file in errors.
Spec parse_spec(const std::string& yaml_text, const std::string& source);
// Merges app.override.yaml (ksonnet's local overrides) into `spec`.
void apply_override(Spec& spec, const std::string& yaml_text, const std::string& source);
// app.yaml text (apiVersion 0.3.0); overrides are not part of it.
std::string emit_spec(const Spec& spec);

}  // namespace ks::app
