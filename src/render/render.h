#pragma once
// Rendering an environment: component params merged with env overrides and globals, every
// component evaluated (one jsonnet evaluation per worker thread, never one per component), and
// the objects flattened, labelled, namespaced and sorted. Rendering changes no process state: the
// memory limit it relies on is set at the CLI edge (cli/process_guard.h).
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/app.h"
#include "render/render_cache.h"

namespace ks::render {

struct Options {
  std::vector<std::string> components;  // -c: qualified names; empty = all
  std::vector<std::string> jpaths;      // -J: extra search folders (lowest priority, as ksonnet)
  std::map<std::string, std::string> ext_str;  // -V / --ext-str
  std::map<std::string, std::string> tla_str;  // -A / --tla-str (main.jsonnet only)
  int threads = 0;                             // 0: one per core (the CLI passes KS_RENDER_THREADS)
  CacheOptions cache;                          // off unless enabled (the CLI reads the env)
  // Imported libraries pasted into the evaluated program (render/inline_imports.h); false only
  // to compare against (tests).
  bool inline_imports = true;
};

// What the render cache did in one render_env (for `-v` and tests).
struct CacheStats {
  int hits = 0;           // components whose cached value was used
  int evaluated = 0;      // jsonnet components evaluated
  int uncacheable = 0;    // of those, never cached (see cacheable_source)
  int component_vms = 0;  // JsonnetVms created to evaluate components
  int params_vms = 0;     // JsonnetVms created for the env's params.libsonnet (0: read as data)
};

struct Result {
  std::vector<nlohmann::json> objects;  // flattened, labelled, namespaced, sorted
  CacheStats cache;
};

Result render_env(const app::App& app, const std::string& env, const Options& options);

// Params as components see them: qualified component name → params, after module globals, env
// params and env globals. `env` empty: the components' own params (module globals applied).
nlohmann::json evaluate_params(const app::App& app, const std::string& env, const Options& options);

// The version of the linked jsonnet library.
std::string jsonnet_version();

// The modules an env renders: its targets, or only the root module when it has none (ksonnet).
std::vector<std::string> env_modules(const app::App& app, const std::string& env);

}  // namespace ks::render
