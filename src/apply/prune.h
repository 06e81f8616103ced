#pragma once
// Prune: delete members of this app+env's ApplySet that were not applied this time. Only the
// group-kinds and namespaces the parent recorded are listed, only objects carrying this set's
// part-of label and this app+env's labels are candidates, and objects owned by a controller
// are left to their owner. Candidates are found before anything is written, so a prune larger
// than expected is refused while the cluster is still as it was.
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "apply/applyset.h"
#include "apply/report.h"
#include "kube/session.h"

namespace ks::apply {

struct PruneScope {
  std::set<std::string> group_kinds;  // `Deployment.apps`, `ConfigMap`
  std::set<std::string> namespaces;   // every namespace to look in, the parent's included
};

bool is_controller_owned(const nlohmann::json& object);

struct PruneCandidate {
  kube::ObjectRef ref;
  std::string path;
  std::string from_namespace;  // the namespace of the ApplySet parent it belongs to
};

// Members of `set` within `scope` that are not in `applied` (objects applied in this run are
// never pruned, whichever set they belonged to before).
std::vector<PruneCandidate> prune_candidates(kube::Session& session, const ApplySet& set,
                                             const Identity& identity, const PruneScope& scope,
                                             const std::vector<kube::ObjectRef>& applied);

// An ApplySet of this app+env whose parent is in another namespace: the env's namespace was
// changed after it was applied there.
struct EarlierSet {
  ApplySet set;
  ParentState state;
};
// Lists Secrets in all namespaces carrying this app+env's parent labels (one request).
std::vector<EarlierSet> earlier_sets(kube::Session& session, const Identity& identity,
                                     const ApplySet& current,
                                     const std::vector<std::string>& namespaces);

// How many deletions prune may make without asking: --yes allows any number, --prune-max N
// that many; by default no more than the apply keeps, and none in a namespace the env left.
struct PruneLimit {
  bool confirmed = false;  // --yes
  std::optional<int> max;  // --prune-max
};
// Throws ks::Error listing the candidates when they exceed the limit (`kept`: objects applied).
void check_prune_limit(const std::vector<PruneCandidate>& candidates, size_t kept,
                       const std::string& env_namespace, const PruneLimit& limit);

// Deletes the candidates (propagation Background; dry run: dryRun=All).
std::vector<ObjectResult> delete_candidates(kube::Session& session,
                                            const std::vector<PruneCandidate>& candidates,
                                            bool dry_run, int concurrency);

}  // namespace ks::apply
