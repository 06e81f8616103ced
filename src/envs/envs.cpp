#include "envs/envs.h"

#include <algorithm>
#include <cctype>

#include "app/templates.h"
#include "base/error.h"
#include "base/fs.h"
#include "base/strings.h"

namespace ks::envs {

namespace stdfs = std::filesystem;

namespace {

void require_not_override(const app::App& app, const std::string& name) {
  if (app.spec().env_overrides.count(name) && !app.spec().environments.count(name)) {
    throw Error("environment '" + name +
                "' is defined in app.override.yaml; edit that file to change it");
  }
}

// The newest library in lib/ksonnet-lib/ ("" when there is none): what an app whose envs were all
// removed was generated for (Kubeflow's installers run `ks init --api-spec ...`, `ks env rm
// default`, then `ks env add`).
std::string newest_generated_library(const app::Layout& layout) {
  std::vector<std::vector<int>> versions;
  std::error_code ec;
  for (const auto& entry : stdfs::directory_iterator(layout.lib() / "ksonnet-lib", ec)) {
    std::string name = entry.path().filename().string();
    std::vector<int> parts;
    if (name.size() < 2 || name[0] != 'v' || !stdfs::exists(entry.path() / "k.libsonnet")) continue;
    for (const auto& p : str::split(name.substr(1), '.')) {
      if (p.empty() ||
          !std::all_of(p.begin(), p.end(), [](unsigned char c) { return std::isdigit(c) != 0; })) {
        parts.clear();
        break;
      }
      parts.push_back(std::stoi(p));
    }
    if (parts.size() == 3) versions.push_back(parts);
  }
  if (versions.empty()) return "";
  const auto& v = *std::max_element(versions.begin(), versions.end());
  return "v" + std::to_string(v[0]) + "." + std::to_string(v[1]) + "." + std::to_string(v[2]);
}

}  // namespace

void add(const app::App& loaded, const NewEnv& e) {
  app::validate_env_name(e.name);
  app::Transaction txn(loaded.layout());
  const app::App app = loaded.reload();
  if (app.spec().find_env(e.name))
    throw Error("environment '" + e.name + "' already exists (see `ks env list`)");
  const auto& layout = app.layout();
  if (stdfs::exists(layout.env_dir(e.name))) {
    throw Error(layout.env_dir(e.name).string() +
                " already exists but is not in app.yaml; move it away or choose another name");
  }
  app::Spec spec = app.spec();
  app::Environment env;
  env.name = e.name;
  env.path = e.name;
  env.server = e.server;
  env.ns = e.ns.empty() ? "default" : e.ns;
  env.context = e.context;
  env.k8s_version = e.k8s_version;
  if (env.k8s_version.empty()) {
    // Same Kubernetes version as the app's other envs (its lib/ was made for it).
    for (const auto& [n, other] : spec.environments)
      if (!other.k8s_version.empty()) env.k8s_version = other.k8s_version;
  }
  if (env.k8s_version.empty()) env.k8s_version = newest_generated_library(layout);
  spec.environments[e.name] = env;
  app::templates::stage_env_files(txn, layout, env.path);
  app.stage_spec(txn, spec);
  txn.commit();
}

void remove(const app::App& loaded, const std::string& name) {
  require_not_override(loaded, name);
  loaded.env(name);
  app::Transaction txn(loaded.layout());
  const app::App app = loaded.reload();
  const auto& env = app.env(name);
  app::Spec spec = app.spec();
  spec.environments.erase(name);
  txn.remove(app.layout().env_dir(env.path));
  if (app.current_env() == name) txn.remove(app.layout().current_env_file());
  app.stage_spec(txn, spec);
  txn.commit();
}

void update(const app::App& loaded, const std::string& name, const EnvChanges& c) {
  require_not_override(loaded, name);
  loaded.env(name);
  app::Transaction txn(loaded.layout());
  const app::App app = loaded.reload();
  app.env(name);
  app::Spec spec = app.spec();
  app::Environment env = spec.environments.at(name);
  if (c.ns) {
    if (c.ns->empty()) throw Error("--namespace is empty; give a namespace name");
    if (*c.ns != env.ns && !env.ns.empty()) {
      std::vector<std::string> moved = moved_namespaces(app, name);
      if (std::find(moved.begin(), moved.end(), env.ns) == moved.end()) moved.push_back(env.ns);
      std::string text;
      for (const std::string& ns : moved)
        if (ns != *c.ns) text += ns + "\n";
      txn.write(app.layout().moved_namespaces_file(c.new_name ? *c.new_name : name), text);
    }
    env.ns = *c.ns;
  }
  if (c.context) env.context = *c.context;
  if (c.server) env.server = *c.server;
  if (c.k8s_version) env.k8s_version = *c.k8s_version;
  if (c.new_name && *c.new_name != name) {
    const std::string& to = *c.new_name;
    app::validate_env_name(to);
    if (spec.find_env(to))
      throw Error("cannot rename '" + name + "' to '" + to + "': environment '" + to + "' exists");
    stdfs::path from_dir = app.layout().env_dir(env.path);
    stdfs::path to_dir = app.layout().env_dir(to);
    if (stdfs::exists(to_dir))
      throw Error("cannot rename '" + name + "': " + to_dir.string() + " already exists");
    spec.environments.erase(name);
    env.name = to;
    env.path = to;
    txn.install_dir(from_dir, to_dir);
    if (app.current_env() == name) txn.write(app.layout().current_env_file(), to);
  }
  spec.environments[env.name] = env;
  app.stage_spec(txn, spec);
  txn.commit();
}

std::vector<std::string> moved_namespaces(const app::App& app, const std::string& name) {
  std::vector<std::string> out;
  stdfs::path file = app.layout().moved_namespaces_file(name);
  std::error_code ec;
  if (!stdfs::is_regular_file(file, ec)) return out;
  const std::string current = app.env(name).ns;
  for (const std::string& line : str::split(fs::read_file(file), '\n')) {
    std::string ns = str::trim(line);
    if (!ns.empty() && ns != current) out.push_back(ns);
  }
  return out;
}

void set_current(const app::App& app, const std::string& name) {
  app::Transaction txn(app.layout());
  if (name.empty()) {
    txn.remove(app.layout().current_env_file());
  } else {
    app.env(name);
    txn.write(app.layout().current_env_file(), name);
  }
  txn.commit();
}

void set_targets(const app::App& loaded, const std::string& name,
                 const std::vector<std::string>& modules) {
  require_not_override(loaded, name);
  loaded.env(name);
  const app::App& app = loaded;
  auto known = app::list_modules(app.layout());
  for (const auto& m : modules) {
    if (std::find(known.begin(), known.end(), m) == known.end()) {
      throw Error("module '" + m + "' does not exist (modules: " + str::join(known, ", ") +
                  "); create it with `ks module create " + m + "`");
    }
  }
  app::Transaction txn(app.layout());
  const app::App fresh = app.reload();
  app::Spec spec = fresh.spec();
  fresh.env(name);
  spec.environments.at(name).targets = modules;
  fresh.stage_spec(txn, spec);
  txn.commit();
}

nlohmann::json describe(const app::Environment& env, bool current) {
  nlohmann::json j = {{"name", env.name},
                      {"namespace", env.ns},
                      {"server", env.server},
                      {"context", env.context},
                      {"kubernetesVersion", env.k8s_version},
                      {"path", env.path},
                      {"targets", env.targets},
                      {"current", current}};
  nlohmann::json libs = nlohmann::json::array();
  for (const auto& [k, lib] : env.libraries) libs.push_back(k);
  j["libraries"] = libs;
  return j;
}

}  // namespace ks::envs

#include "envs/params.h"

namespace ks::envs {

void remove_component(const app::App& app, const std::string& name) {
  auto c = app::find_component(app.layout(), name);
  if (!c) {
    std::vector<std::string> names;
    for (const auto& x : app::list_all_components(app.layout())) names.push_back(x.name);
    throw Error("component '" + name + "' does not exist" +
                (names.empty() ? std::string() : " (components: " + str::join(names, ", ") + ")"));
  }
  app::Transaction txn(app.layout());
  txn.remove(c->file);
  stage_remove_component_params(txn, app, name);
  txn.commit();
}

}  // namespace ks::envs
