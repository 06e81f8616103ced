#pragma once
// Server-side apply of one object: PATCH with Content-Type application/apply-patch+yaml (the
// body is JSON, which is YAML). To tell `configured` from `unchanged` the object is read first
// (one extra GET per object): a real apply that leaves resourceVersion as it was changed
// nothing; a dry run never bumps resourceVersion, so there the live and would-be objects are
// compared without server-managed fields instead.
#include <string>

#include "apply/plan.h"
#include "apply/report.h"
#include "apply/session.h"

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
Response ssa_patch(Session& session, const PlannedObject& object, const ApplyCall& call);
// True when a 404 says the object's namespace does not exist (rather than the resource).
bool is_missing_namespace(const Response& response);

ObjectResult apply_one(Session& session, const PlannedObject& object, const ApplyCall& call);

}  // namespace ks::apply
