#pragma once
// Splits a REST path (`/api/v1/namespaces/ns/configmaps/x`, `/apis/apps/v1/deployments`) into
// its parts.
#include <optional>
#include <string>

namespace kta {

struct ApiPath {
  std::string group;
  std::string version;
  std::string ns;        // from /namespaces/{ns}/...; empty when absent
  std::string resource;  // plural
  std::string name;
  std::string subresource;
  bool has_resource() const { return !resource.empty(); }
};

// Nullopt when the path is not under /api/v1 or /apis/{group}/{version}.
std::optional<ApiPath> parse_api_path(const std::string& path);

}  // namespace kta
