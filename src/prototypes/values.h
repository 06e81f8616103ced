#pragma once
// Param values for `ks generate`: command-line text or values-file JSON, checked against the
// prototype's declared params and typed for params.libsonnet (numbers and bools unquoted).
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "prototypes/prototype.h"

namespace ks::prototypes {

// `--name=value`, `--name value` and bare `--flag` (= "true") pairs from extra command-line
// arguments; anything else is an error.
std::map<std::string, std::string> parse_flag_args(const std::vector<std::string>& args);

// Command-line text as a typed value: number → JSON number (error when not numeric), bool →
// true/false, numberOrString → number when numeric else string, array/object → JSON (or YAML
// flow syntax such as `{app: web}`), string → as is. Throws naming the param.
nlohmann::json typed_value(const Param& param, const std::string& text);
// A values-file value checked against the param's type (numeric strings are accepted for
// numbers, as on the command line).
nlohmann::json typed_json(const Param& param, const nlohmann::json& value);

// Every param of `proto` with its value: given ones (`flags` text, then `values` JSON which wins,
// as in ksonnet), else the default. Unknown names, missing required params and ill-typed values
// are reported together in one error that lists what the prototype expects.
nlohmann::json resolve_params(const Prototype& proto,
                              const std::map<std::string, std::string>& flags,
                              const nlohmann::json& values = nlohmann::json::object());

// The usage lines of every param, required first (for errors and `prototype describe`).
std::string params_usage(const Prototype& proto);

}  // namespace ks::prototypes
