#pragma once
// The OpenAPI v2 document of the cluster an env (or a kube context) points at.
#include <chrono>

#include <nlohmann/json.hpp>

#include "kube/target.h"

namespace ks::ops {

// GET /openapi/v2. `attempts` 1 for a quick probe (ks init), more to retry like other commands.
// Throws ks::Error naming the server when the cluster cannot be read.
nlohmann::json fetch_openapi_v2(const kube::Target& target, std::chrono::milliseconds timeout,
                                int attempts);

}  // namespace ks::ops
