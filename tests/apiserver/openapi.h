#pragma once
// OpenAPI documents: v3 root + one document per group/version (enough for kubectl's
// server-side field validation check), and a swagger 2.0 document with a definition per kind.
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "resource_table.h"

namespace kta {

// `gv_path` is `api/v1` or `apis/{group}/{version}`.
std::optional<nlohmann::json> openapi_v3_group_version(const ResourceTable& table,
                                                       const std::string& gv_path);
nlohmann::json openapi_v3_root(const ResourceTable& table);
nlohmann::json openapi_v2(const ResourceTable& table);

}  // namespace kta
