#include "render/output.h"

#include "base/yaml.h"

namespace ks::render {

std::string to_yaml_stream(const std::vector<nlohmann::json>& objects) {
  std::string out;
  for (const auto& o : objects) {
    out += "---\n";
    out += yaml::emit(o);
  }
  return out;
}

std::string to_json_list(const std::vector<nlohmann::json>& objects) {
  nlohmann::json list = {{"apiVersion", "v1"}, {"kind", "List"}, {"items", objects}};
  return list.dump(2) + "\n";
}

}  // namespace ks::render
