#pragma once
// ks env add / list / describe / rm / set / current / targets.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ops/kube_binding.h"

namespace ks::ops {

struct EnvAddOptions {
  std::string name;
  BindingFlags cluster;        // --context / --server / --namespace / --kubeconfig
  std::string k8s_version;     // the lib/ksonnet-lib/VERSION the env uses ("": the app's)
  std::string api_spec;        // ksonnet's --api-spec (api_spec.h); sets k8s_version
  std::string spec_cache_dir;  // where --api-spec keeps and finds specs ("": no cache)
};

struct EnvAddResult {
  Binding binding;
  std::string k8s_version;
  bool library_missing = false;  // k8s_version names a library the app does not have yet
};

// Throws ks::Error, writing nothing, for a bad name, an existing env, an unknown context or a
// bad --api-spec (a library it makes is generated before anything is written).
EnvAddResult env_add(const std::string& dir, const EnvAddOptions& options);

struct EnvEntry {
  std::string name;
  bool current = false;
  bool overridden = false;  // set in app.override.yaml
  std::string k8s_version, ns, context, server;
  nlohmann::json description;  // envs::describe: what -o json prints
};

std::vector<EnvEntry> env_list(const std::string& dir);

// The env's settings as `ks env describe` prints them. Throws ks::Error for an unknown env.
nlohmann::json env_describe(const std::string& dir, const std::string& name);

// Removes the env and its folder.
void env_rm(const std::string& dir, const std::string& name);

struct EnvSetOptions {
  std::string name;
  std::optional<std::string> ns, context, server, new_name, api_spec;
  std::string kubeconfig;      // where --context is looked up
  std::string spec_cache_dir;  // as in EnvAddOptions
};

struct EnvSetResult {
  std::string name;  // after a rename
  // What the change leaves behind on the cluster (docs/deploying.md): the namespace the env
  // moved from, and whether it now points at another cluster.
  std::optional<std::string> left_namespace;
  std::string new_namespace;
  bool cluster_changed = false;
};

// Throws ks::Error when nothing is to change, or as env_add does.
EnvSetResult env_set(const std::string& dir, const EnvSetOptions& options);

struct EnvCurrentOptions {
  std::optional<std::string> set;  // make this env current
  bool unset = false;              // clear it
};

// Returns the current env after the change ("" = none).
std::string env_current(const std::string& dir, const EnvCurrentOptions& options);

struct EnvTargetsOptions {
  std::string name;
  std::vector<std::string> modules;  // empty: only read them
};

// The modules the env renders (after setting them when `modules` is given).
std::vector<std::string> env_targets(const std::string& dir, const EnvTargetsOptions& options);

}  // namespace ks::ops
