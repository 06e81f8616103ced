#pragma once
// Environments: each is an entry in app.yaml (namespace, server, kube context, targets) plus a
// folder under environments/ with main.jsonnet, params.libsonnet and globals.libsonnet.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/app.h"

namespace ks::envs {

struct NewEnv {
  std::string name;
  std::string server;  // "" when the env has no cluster yet
  std::string ns = "default";
  std::string context;  // kube context it binds to ("" = by server only)
  std::string k8s_version;
};

void add(const app::App& app, const NewEnv& env);
void remove(const app::App& app, const std::string& name);

struct EnvChanges {
  std::optional<std::string> ns;
  std::optional<std::string> context;
  std::optional<std::string> server;
  std::optional<std::string> new_name;
  std::optional<std::string> k8s_version;  // lib/ksonnet-lib/VERSION the env uses
};
void update(const app::App& app, const std::string& name, const EnvChanges& changes);

// Writes .ks_environment; "" removes it.
void set_current(const app::App& app, const std::string& name);

// Namespaces `ks env set --namespace` moved env `name` away from in this checkout, oldest first,
// without its current namespace. Apply looks for objects left behind only there, so two checkouts
// deploying the same app and env to different namespaces of one cluster never see each other's.
std::vector<std::string> moved_namespaces(const app::App& app, const std::string& name);
// Modules the env renders ("/" = root); every module must exist.
void set_targets(const app::App& app, const std::string& env,
                 const std::vector<std::string>& modules);

// The env as shown by `env describe` / `env list -o json`.
nlohmann::json describe(const app::Environment& env, bool current);

}  // namespace ks::envs

namespace ks::envs {

// Deletes the component's file and every params entry for it (its module's and every env's) in
// one atomic step.
void remove_component(const app::App& app, const std::string& name);

}  // namespace ks::envs
