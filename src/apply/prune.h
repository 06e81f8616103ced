#pragma once
// Prune: delete members of this app+env's ApplySet that were not applied this time. Only the
// group-kinds and namespaces the parent recorded are listed, only objects carrying this set's
// part-of label and this app+env's labels are candidates, and objects owned by a controller
// are left to their owner.
#include <set>
#include <string>
#include <vector>

#include "apply/applyset.h"
#include "apply/report.h"
#include "apply/session.h"

namespace ks::apply {

struct PruneScope {
  std::set<std::string> group_kinds;  // `Deployment.apps`, `ConfigMap`
  std::set<std::string> namespaces;   // every namespace to look in, the parent's included
};

bool is_controller_owned(const nlohmann::json& object);

// Deletes stale members (dry run: asks the server with dryRun=All). `applied` holds the objects
// applied in this run; they are never pruned.
std::vector<ObjectResult> prune(Session& session, const ApplySet& set, const Identity& identity,
                                const PruneScope& scope, const std::vector<ObjectRef>& applied,
                                bool dry_run, int concurrency);

}  // namespace ks::apply
