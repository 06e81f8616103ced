#pragma once
// What apply checks before its first write, so that a doomed apply writes nothing: every
// object's kind is served (or defined by a CRD in the same set), every namespace the objects and
// the ApplySet parent need exists or is created by the same set (or by --create-namespace), and
// the parent Secret can be written (a server-side dry run). A handful of reads, well under 2 s.
#include <string>
#include <vector>

#include "apply/applyset.h"
#include "apply/plan.h"
#include "kube/session.h"

namespace ks::apply {

struct PreflightOptions {
  std::string field_manager = "ks";
  bool create_namespace = false;  // add the env namespace when it is missing
};

// Throws ks::Error with one line per problem (naming component and object) when anything would
// fail. With create_namespace, a missing env namespace is added to `plan` as a Namespace object
// that is not an ApplySet member (prune never deletes it, as helm's --create-namespace).
void preflight(kube::Session& session, std::vector<PlannedObject>& plan, const ApplySet& set,
               const PreflightOptions& options);

}  // namespace ks::apply
