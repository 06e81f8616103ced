#pragma once
// Discovery documents: legacy (/api, /apis, /api/v1, /apis/G/V) and aggregated
// (apidiscovery.k8s.io APIGroupDiscoveryList), built from the resource table.
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "resource_table.h"

namespace kta {

nlohmann::json version_info();
nlohmann::json legacy_api_versions(const std::string& server_address);
nlohmann::json legacy_group_list(const ResourceTable& table);
// Nullopt when the group/version is not served.
std::optional<nlohmann::json> legacy_resource_list(const ResourceTable& table,
                                                   const std::string& group,
                                                   const std::string& version);

// `core`: the /api document (the "" group) instead of /apis. `discovery_version`: v2 or v2beta1.
nlohmann::json aggregated_discovery(const ResourceTable& table, bool core,
                                    const std::string& discovery_version);

// The aggregated discovery version an Accept header asks for ("v2", "v2beta1"), or "".
std::string aggregated_version_requested(const std::string& accept);

}  // namespace kta
