#pragma once
// Server-side apply of one object: PATCH with Content-Type application/apply-patch+yaml (the
// body is JSON, which is YAML). To tell `configured` from `unchanged` the live object is needed
// (from the LiveIndex's lists, or one GET when its collection was not listed): a real apply
// that leaves resourceVersion as it was changed nothing; a dry run never bumps
// resourceVersion, so there the live and would-be objects are compared without server-managed
// fields instead. A 201 is `created`; a 200 for an object that was not a member is
// `configured` (ks took it over). A member whose live copy carries the digest of this very
// object and all of its values is not sent at all: the re-apply of an unchanged app is reads only.
#include <string>

#include "apply/live_index.h"
#include "apply/plan.h"
#include "apply/report.h"
#include "kube/session.h"

namespace ks::apply {

struct ApplyCall {
  std::string field_manager = "ks";
  bool force = false;
  bool dry_run = false;
};

// `?fieldManager=ks&force=false` (+ `&dryRun=All`).
std::string apply_query(const ApplyCall& call);
// The PATCH itself, retried by the session policy; objects whose kind comes from a just-created
// CRD also retry a 404 from the new endpoint for a short while.
kube::Response ssa_patch(kube::Session& session, const PlannedObject& object,
                         const ApplyCall& call);
// True when a 404 says the object's namespace does not exist (rather than the resource).
bool is_missing_namespace(const kube::Response& response);

ObjectResult apply_one(kube::Session& session, const PlannedObject& object, const ApplyCall& call,
                       const LiveIndex& index);

}  // namespace ks::apply
