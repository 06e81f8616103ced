#pragma once
// Reading a jsonnet file that is a plain data literal (objects with `key: value` fields, arrays,
// strings, numbers, true/false/null, comments) straight to JSON, without a jsonnet evaluation.
// Params files almost always are; each evaluation avoided saves libjsonnet's stdlib parse.
#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace ks::render {

// The value, or nullopt when the text is anything more than a literal (or is malformed: then
// jsonnet evaluates it and reports the error as usual).
std::optional<nlohmann::json> literal_json(const std::string& text);

// An object literal whose fields are `key: <literal>` or `key+: <such an object>`: the override
// `ks param set --env` writes into an env's params.libsonnet (`"cnn"+: { limits+: { cpu: 2 } }`).
struct LiteralPatch {
  nlohmann::json set = nlohmann::json::object();  // `key: value`: replaces the field
  std::map<std::string, LiteralPatch> merge;      // `key+: {...}`: merges into the field
};

// The patch, or nullopt when the text is anything more (or is malformed).
std::optional<LiteralPatch> literal_patch(const std::string& text);

// `base + patch` as jsonnet computes it for plain data; nullopt where jsonnet would do something
// other than merge objects (`+:` onto a field that holds a string, say), so the caller evaluates
// and gets jsonnet's own result or error.
std::optional<nlohmann::json> apply_patch(const nlohmann::json& base, const LiteralPatch& patch);

}  // namespace ks::render
