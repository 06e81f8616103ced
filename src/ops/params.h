#pragma once
// ks param set / unset / list / diff: component and global params, per env or for all envs.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace ks::ops {

struct ParamPlace {
  std::string env;        // "" = the component's module params (every env)
  std::string component;  // qualified name; "" = the globals (of the env when `env` is given)
};

struct ParamSetOptions {
  ParamPlace place;
  std::string key;         // may be a dotted path (`resources.limits.cpu`)
  std::string value;       // as typed on the command line: `2` a number, `'"2"'` a string, `[1, 2]`
  bool as_string = false;  // store `value` as a string whatever it looks like
};

// Writes the params file the place names (format-preserving). Throws ks::Error for an unknown
// env or component, or a value that does not parse, leaving the app unchanged.
void param_set(const std::string& dir, const ParamSetOptions& options);

struct ParamUnsetOptions {
  ParamPlace place;
  std::string key;
};

// Throws ks::Error when the key is not set there.
void param_unset(const std::string& dir, const ParamUnsetOptions& options);

struct ParamListOptions {
  std::string env;        // "" = the components' own params (module globals applied)
  std::string component;  // "" = every component
  std::string module;     // "" = every module; "/" = the root module
};

struct ParamEntry {
  std::string component;
  std::string param;
  nlohmann::json value;
};

struct ParamListResult {
  nlohmann::json by_component;      // component → its params object, as components see them
  std::vector<ParamEntry> entries;  // the same, one per param
};

// Throws ks::Error when `component` has no params.
ParamListResult param_list(const std::string& dir, const ParamListOptions& options);

struct ParamDiffOptions {
  std::string env1, env2;
  std::string component;  // "" = every component
};

struct ParamDifference {
  std::string component;
  std::string param;
  std::optional<nlohmann::json> in_env1, in_env2;  // nullopt: not set there
};

// Params whose values differ between the two envs, sorted by component then param.
std::vector<ParamDifference> param_diff(const std::string& dir, const ParamDiffOptions& options);

}  // namespace ks::ops
