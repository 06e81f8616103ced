#pragma once
// CustomResourceDefinitions: the kinds they define and the status the naming/establishing
// controllers of kube-apiserver would write.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "resource_table.h"

namespace kta {

// Throws ApiError (422) when the CRD cannot be served (missing names, name != plural.group, ...).
void validate_crd(const nlohmann::json& crd);

// One ResourceType per served version, in spec order.
std::vector<ResourceType> crd_types(const nlohmann::json& crd);

// Writes status.acceptedNames/storedVersions/conditions. Conditions whose status is unchanged
// keep the transition time of `live` so re-applying a CRD is a no-op.
void set_crd_status(nlohmann::json& crd, const nlohmann::json* live, bool established,
                    const std::string& now);

bool crd_established(const nlohmann::json& crd);

}  // namespace kta
