#include "api_path.h"

#include <vector>

#include "base/strings.h"

namespace kta {

std::optional<ApiPath> parse_api_path(const std::string& path) {
  std::vector<std::string> parts;
  for (auto& p : ks::str::split(path, '/')) {
    if (!p.empty()) parts.push_back(p);
  }
  ApiPath out;
  size_t i = 0;
  if (parts.size() >= 2 && parts[0] == "api") {
    out.version = parts[1];
    i = 2;
  } else if (parts.size() >= 3 && parts[0] == "apis") {
    out.group = parts[1];
    out.version = parts[2];
    i = 3;
  } else {
    return std::nullopt;
  }
  std::vector<std::string> rest(parts.begin() + static_cast<long>(i), parts.end());
  // namespaces/{ns}/{resource}/... unless it addresses the Namespace object itself.
  if (rest.size() >= 3 && rest[0] == "namespaces" && rest[2] != "status" && rest[2] != "finalize") {
    out.ns = rest[1];
    rest.erase(rest.begin(), rest.begin() + 2);
  }
  if (rest.size() > 3) {
    out.resource = "\x01";  // too deep: no such resource
    return out;
  }
  if (!rest.empty()) out.resource = rest[0];
  if (rest.size() >= 2) out.name = rest[1];
  if (rest.size() >= 3) out.subresource = rest[2];
  return out;
}

}  // namespace kta
