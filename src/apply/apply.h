#pragma once
// The cluster side of ks: apply, diff, delete and validate rendered Kubernetes objects against
// the cluster an env targets. Inputs are plain objects; nothing here knows about jsonnet.
#include <atomic>
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "apply/applyset.h"
#include "apply/diff.h"
#include "apply/prune.h"
#include "apply/report.h"
#include "kube/session.h"
#include "kube/target.h"

namespace ks::apply {

using ResultFn = std::function<void(const ObjectResult&)>;
using WarningFn = std::function<void(const std::string&)>;  // default: `warning: ...` on stderr

struct ApplyOptions {
  Identity identity;  // app + env: member labels and the ApplySet parent
  std::string field_manager = "ks";
  bool force_conflicts = false;
  bool dry_run = false;
  bool prune = false;
  PruneLimit prune_limit;         // --yes / --prune-max: how much prune may delete unasked
  bool create_namespace = false;  // create the env namespace when missing (not a set member)
  // Namespaces this env was moved away from (recorded by `ks env set --namespace`): only there is
  // an earlier ApplySet parent of this app+env taken as this env's; empty: none is looked for.
  std::vector<std::string> earlier_namespaces;
  bool wait = false;
  std::chrono::seconds timeout{300};  // for --wait and for CRDs to become Established
  int concurrency = 8;
  kube::SessionOptions session;
  ResultFn on_result;  // called (one at a time) as each object is done
  WarningFn on_warning;
  // Set (e.g. by SIGINT) to stop: objects not yet started are not sent (Skipped, "interrupted"),
  // those in flight finish, prune and wait are skipped.
  const std::atomic<bool>* cancel = nullptr;
};

// Applies objects in tiers (Namespaces and CRDs, then cluster-scoped, then namespaced), records
// the ApplySet parent, optionally prunes members no longer given and waits for readiness.
// Throws ks::Error, having written nothing, when an object's name is unsafe (object_names.h),
// the preflight finds problems (preflight.h), prune would delete more than allowed
// (check_prune_limit) or nothing can be attempted (no cluster, wrong server, foreign ApplySet);
// and when the server stops accepting connections midway (what was done was reported).
Report apply(const kube::Target& target, const std::vector<nlohmann::json>& objects,
             const ApplyOptions& options);

struct DeleteOptions {
  Identity identity;
  bool delete_parent = false;  // also delete the ApplySet parent (when deleting a whole env)
  std::string propagation = "Foreground";  // or Background, Orphan
  std::optional<int> grace_period_seconds;
  bool dry_run = false;  // dryRun=All: the server checks each deletion and deletes nothing
  bool wait = false;
  std::chrono::seconds timeout{300};
  int concurrency = 8;
  kube::SessionOptions session;
  ResultFn on_result;
  WarningFn on_warning;
};

// Deletes in reverse tier order; a missing object is `not found`, not a failure.
Report delete_objects(const kube::Target& target, const std::vector<nlohmann::json>& objects,
                      const DeleteOptions& options);

struct ValidateOptions {
  Identity identity;
  std::string field_manager = "ks";
  int concurrency = 8;
  kube::SessionOptions session;
  ResultFn on_result;
  WarningFn on_warning;
};

// Server-side dry-run apply of every object; every invalid object is reported.
Report validate(const kube::Target& target, const std::vector<nlohmann::json>& objects,
                const ValidateOptions& options);

struct DiffOptions {
  Identity identity;
  std::string field_manager = "ks";
  bool force_conflicts = false;
  int concurrency = 8;
  kube::SessionOptions session;
  WarningFn on_warning;
};

// Live objects against what a server-side dry-run apply would make of them.
DiffResult diff(const kube::Target& target, const std::vector<nlohmann::json>& objects,
                const DiffOptions& options);

}  // namespace ks::apply
