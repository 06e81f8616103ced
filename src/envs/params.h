#pragma once
// Editing params: a component's own params live in its module's params.libsonnet
// (`components: { "cnn": { ... } }`), env overrides in environments/ENV/params.libsonnet
// (`components +: { "cnn" +: { ... } }`), globals in the module's `global: {}` or the env's
// globals.libsonnet. Edits change only the field they touch (comments and order are kept) and
// are written atomically.
#include <string>

#include <nlohmann/json.hpp>

#include "app/app.h"

namespace ks::envs {

// A value as ksonnet typed `ks param set` input: `1` and `1.5` are numbers, `true`/`false` bools,
// `"1"` (quoted) a string, `[..]` and `{..}` jsonnet literals, everything else a string.
// With `as_string`, always a string. Returns jsonnet source text.
std::string param_value_source(const std::string& text, bool as_string);

struct ParamTarget {
  std::string env;        // "" = the component's module params
  std::string component;  // qualified name; "" = globals
};

// `key` may be a dotted path (`resources.limits.cpu`).
void set_param(const app::App& app, const ParamTarget& target, const std::string& key,
               const std::string& value_source);
// Errors when the key is not set there.
void unset_param(const app::App& app, const ParamTarget& target, const std::string& key);

// Stages the params entry written by `ks generate`: every param, one per line, keys sorted.
void stage_component_params(app::Transaction& txn, const app::App& app,
                            const std::string& component, const nlohmann::json& params);
// Stages removal of every params entry of `component`: its module params and every env's.
void stage_remove_component_params(app::Transaction& txn, const app::App& app,
                                   const std::string& component);

}  // namespace ks::envs
