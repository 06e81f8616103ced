#pragma once
// What happened to each object, and the one-line summaries the CLI prints.
#include <string>
#include <vector>

#include "kube/object_ref.h"

namespace ks::apply {

enum class Action {
  Created,
  Configured,
  Unchanged,
  Pruned,
  Deleted,
  NotFound,
  Valid,
  Skipped,
  Ready,
  NotReady,  // --wait: failed or timed out becoming ready (the apply itself succeeded)
  Failed
};

std::string action_name(Action action);  // "created", "not found", ...

struct ObjectResult {
  kube::ObjectRef ref;
  Action action = Action::Failed;
  std::string message;  // why it failed, or a note
};

struct Report {
  bool dry_run = false;
  std::vector<ObjectResult> objects;  // one per given object, in the given order
  std::vector<ObjectResult> pruned;   // prune deletions
  std::vector<ObjectResult> waited;   // readiness after --wait
  std::vector<std::string> notes;     // e.g. why prune was skipped
  bool interrupted = false;           // cancelled: some objects were not sent (Skipped)

  int count(Action action) const;  // in `objects`
  bool ok() const;                 // nothing failed anywhere, everything waited for is ready
  std::vector<ObjectResult> failures() const;  // Failed and NotReady results
};

// `created deployment default/cnn`, `failed configmap a/b: <why>`, with ` (dry run)` when set.
std::string result_line(const ObjectResult& result, bool dry_run = false);
// `applied 12 objects: 3 created, 1 configured, 8 unchanged, 0 failed` (+ `, N pruned`; with
// --wait `; 2 ready, 1 not ready`).
std::string apply_summary(const Report& report);
// The command's closing error, consistent with the summary: `2 objects failed to apply:
// a, b; 1 object not ready: c (see the lines above)`; "" when the report is ok.
std::string failure_message(const Report& report, const std::string& verb);
// `deleted 3 objects: 2 deleted, 1 not found, 0 failed`.
std::string delete_summary(const Report& report);
// `validated 3 objects: 2 valid, 1 invalid` (+ `, N skipped`).
std::string validate_summary(const Report& report);

}  // namespace ks::apply
