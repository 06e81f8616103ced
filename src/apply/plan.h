#pragma once
// Resolves the given objects against the cluster before anything is sent: resource and scope
// from discovery, the env namespace for namespaced objects without one, the tier, and whether a
// kind is only defined by a CRD in the same set (so it must wait for that CRD).
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "apply/ordering.h"
#include "kube/object_ref.h"
#include "kube/session.h"

namespace ks::apply {

struct PlannedObject {
  nlohmann::json object;  // namespace filled in (or removed for cluster-scoped kinds)
  kube::ObjectRef ref;
  std::optional<kube::ResourceInfo> resource;  // nullopt while its CRD is not served yet
  Tier tier = Tier::Namespaced;
  bool awaits_crd = false;   // its kind comes from a CRD in the same set
  bool outside_set = false;  // not an ApplySet member (the --create-namespace Namespace)
  std::string error;         // set when the object cannot be sent at all
};

// A CRD in the set: which kinds it will serve.
struct DefinedKind {
  std::string group, kind, resource;
  std::vector<std::string> versions;
  bool namespaced = true;
  std::string crd_name;
};
std::vector<DefinedKind> kinds_defined_by_crds(const std::vector<nlohmann::json>& objects);

std::vector<PlannedObject> plan_objects(kube::Session& session,
                                        const std::vector<nlohmann::json>& objects);
// Re-resolves objects awaiting a CRD (after discovery was refreshed).
void resolve_awaiting(kube::Session& session, std::vector<PlannedObject>& plan);
// The object's path, for objects with a resource.
std::string path_of(const PlannedObject& p);

}  // namespace ks::apply
