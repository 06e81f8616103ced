#pragma once
// After CRDs are applied: wait until each is Established, then until discovery serves the kinds
// that objects in the same set use.
#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "apply/plan.h"
#include "kube/session.h"

namespace ks::apply {

bool crd_established(const nlohmann::json& crd);

// Waits for the named CRDs, refreshes discovery and resolves the objects awaiting them.
// Returns crd name → why it is not usable (empty map: all fine).
// `bound` names the deadline in notices and expiry messages (e.g. `5m` for --timeout 5m).
std::map<std::string, std::string> wait_for_crds(kube::Session& session,
                                                 const std::vector<std::string>& crd_names,
                                                 std::vector<PlannedObject>& plan,
                                                 std::chrono::steady_clock::time_point deadline,
                                                 const std::string& bound);

}  // namespace ks::apply
