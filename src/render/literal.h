#pragma once
// Reading a jsonnet file that is a plain data literal (objects with `key: value` fields, arrays,
// strings, numbers, true/false/null, comments) straight to JSON, without a jsonnet evaluation.
// Params files almost always are; each evaluation avoided saves libjsonnet's stdlib parse.
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace ks::render {

// The value, or nullopt when the text is anything more than a literal (or is malformed: then
// jsonnet evaluates it and reports the error as usual).
std::optional<nlohmann::json> literal_json(const std::string& text);

}  // namespace ks::render
