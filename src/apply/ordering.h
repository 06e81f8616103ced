#pragma once
// The order objects reach the cluster: Namespaces and CRDs first (everything else may live in
// or be typed by them), then other cluster-scoped objects, then namespaced ones. Deletion runs
// the tiers backwards.
#include <cstddef>
#include <string>
#include <vector>

namespace ks::apply {

enum class Tier { Foundation = 0, ClusterScoped = 1, Namespaced = 2 };

Tier tier_of(const std::string& group, const std::string& kind, bool namespaced);
// Indices grouped by tier in apply order (or reversed for deletion); input order is kept
// within a tier; empty tiers are left out.
std::vector<std::vector<size_t>> group_by_tier(const std::vector<Tier>& tiers,
                                               bool reverse = false);

}  // namespace ks::apply
