#pragma once
// Server-managed fields that make two versions of an object look different when what the user
// wrote is the same: managedFields, status, resourceVersion, generation, uid,
// creationTimestamp, selfLink and kubectl's last-applied-configuration annotation.
#include <nlohmann/json.hpp>

namespace ks::apply {

nlohmann::json strip_noise(nlohmann::json object);

}  // namespace ks::apply
