#pragma once
// From component values to the env's list of Kubernetes objects.
#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace ks::render {

struct ComponentValue {
  std::string name;      // qualified component name
  std::string file;      // shown in errors
  nlohmann::json value;  // an object, a v1 List, or an array
};

// Which kinds are cluster-scoped: a built-in table of the standard kinds plus CRDs seen in the
// objects. Unknown kinds answer "unknown" and are left for discovery at apply time.
class ScopeTable {
 public:
  ScopeTable();
  void learn_crds(const std::vector<nlohmann::json>& objects);
  enum class Scope { Namespaced, Cluster, Unknown };
  Scope scope(const std::string& api_version, const std::string& kind) const;

 private:
  std::map<std::string, Scope> by_group_kind_;  // "group/Kind"
};

// Flattens arrays and v1 Lists (nested too), checks every item is an object with apiVersion,
// kind and a name, labels it `ksonnet.io/component: NAME`, and gives namespaced objects without
// a namespace `default_namespace`. Throws naming the component's file on a bad value.
std::vector<nlohmann::json> collect_objects(const std::vector<ComponentValue>& values,
                                            const std::string& default_namespace);

// ksonnet's order: namespace, then kind rank (Namespaces, quotas, secrets, config, storage,
// accounts, CRDs, RBAC, services, workloads, ...; unknown kinds last, alphabetically), then
// group/version, then name.
void sort_objects(std::vector<nlohmann::json>& objects);

}  // namespace ks::render
