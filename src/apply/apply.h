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
#include "apply/report.h"
#include "apply/session.h"
#include "apply/target.h"

namespace ks::apply {

using ResultFn = std::function<void(const ObjectResult&)>;
using WarningFn = std::function<void(const std::string&)>;  // default: `warning: ...` on stderr

struct ApplyOptions {
  Identity identity;  // app + env: member labels and the ApplySet parent
  std::string field_manager = "ks";
  bool force_conflicts = false;
  bool dry_run = false;
  bool prune = false;
  bool wait = false;
  std::chrono::seconds timeout{300};  // for --wait and for CRDs to become Established
  int concurrency = 8;
  SessionOptions session;
  ResultFn on_result;  // called (one at a time) as each object is done
  WarningFn on_warning;
  // Set (e.g. by SIGINT) to stop: objects not yet started are not sent (Skipped, "interrupted"),
  // those in flight finish, prune and wait are skipped.
  const std::atomic<bool>* cancel = nullptr;
};

// Applies objects in tiers (Namespaces and CRDs, then cluster-scoped, then namespaced), records
// the ApplySet parent, optionally prunes members no longer given and waits for readiness.
// Throws ks::Error when nothing can be attempted (no cluster, wrong server, foreign ApplySet).
Report apply(const Target& target, const std::vector<nlohmann::json>& objects,
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
  SessionOptions session;
  ResultFn on_result;
  WarningFn on_warning;
};

// Deletes in reverse tier order; a missing object is `not found`, not a failure.
Report delete_objects(const Target& target, const std::vector<nlohmann::json>& objects,
                      const DeleteOptions& options);

struct ValidateOptions {
  Identity identity;
  std::string field_manager = "ks";
  int concurrency = 8;
  SessionOptions session;
  ResultFn on_result;
  WarningFn on_warning;
};

// Server-side dry-run apply of every object; every invalid object is reported.
Report validate(const Target& target, const std::vector<nlohmann::json>& objects,
                const ValidateOptions& options);

struct DiffOptions {
  Identity identity;
  std::string field_manager = "ks";
  bool force_conflicts = false;
  int concurrency = 8;
  SessionOptions session;
  WarningFn on_warning;
};

// Live objects against what a server-side dry-run apply would make of them.
DiffResult diff(const Target& target, const std::vector<nlohmann::json>& objects,
                const DiffOptions& options);

}  // namespace ks::apply
