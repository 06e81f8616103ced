#include "apply/ordering.h"

#include <algorithm>

namespace ks::apply {

Tier tier_of(const std::string& group, const std::string& kind, bool namespaced) {
  if ((group.empty() && kind == "Namespace") ||
      (group == "apiextensions.k8s.io" && kind == "CustomResourceDefinition"))
    return Tier::Foundation;
  return namespaced ? Tier::Namespaced : Tier::ClusterScoped;
}

std::vector<std::vector<size_t>> group_by_tier(const std::vector<Tier>& tiers, bool reverse) {
  std::vector<std::vector<size_t>> groups(3);
  for (size_t i = 0; i < tiers.size(); ++i) groups[static_cast<size_t>(tiers[i])].push_back(i);
  if (reverse) std::reverse(groups.begin(), groups.end());
  groups.erase(
      std::remove_if(groups.begin(), groups.end(), [](const auto& g) { return g.empty(); }),
      groups.end());
  return groups;
}

}  // namespace ks::apply
