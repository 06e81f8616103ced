#pragma once
// Writing rendered objects, in C++ (never through jsonnet's slow manifest functions).
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace ks::render {

// `---` before each object, block YAML with sorted keys.
std::string to_yaml_stream(const std::vector<nlohmann::json>& objects);
// One {"apiVersion": "v1", "items": [...], "kind": "List"} document, indented 2 spaces.
std::string to_json_list(const std::vector<nlohmann::json>& objects);

}  // namespace ks::render
