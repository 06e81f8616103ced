#pragma once
// The cluster use cases: apply, delete, validate and diff an env's rendered objects. Each
// renders through render_checked (vendored packages verified), then hands the objects and the
// one ClusterOptions to ks_apply.
#include <optional>
#include <string>
#include <vector>

#include "apply/diff.h"
#include "ops/cluster.h"
#include "ops/render_env.h"

namespace ks::ops {

using apply::apply_summary;
using apply::delete_summary;
using apply::DiffResult;
using apply::failure_message;
using apply::validate_summary;

// --dry-run=client: the objects in the order they would be sent (reverse order for delete).
struct PlannedObject {
  ObjectRef ref;
};

struct DeployResult {
  std::string env;
  std::size_t total = 0;               // objects rendered
  std::vector<PlannedObject> planned;  // DryRun::Client only
  Report report;                       // otherwise
};

struct ApplyOptions {
  EnvRequest target;
  ClusterOptions cluster;
  bool prune = false;             // delete what this app+env applied before and no longer renders
  bool prune_confirmed = false;   // --yes: no limit on what prune deletes
  std::optional<int> prune_max;   // --prune-max
  bool create_namespace = false;  // create the env's namespace when missing
};

// Throws ks::Error before contacting the cluster for --prune with -c, a drifted package or a
// render error; apply's own errors as ks_apply documents them. Failed objects are in the
// report (see failure_message), not thrown.
DeployResult apply(const std::string& dir, const ApplyOptions& options);

struct DeleteOptions {
  EnvRequest target;
  ClusterOptions cluster;
  std::string cascade = "foreground";  // foreground, background or orphan
  std::optional<int> grace_period_seconds;
};

// Deletes the rendered objects (and the ApplySet parent when no -c narrows the set).
DeployResult delete_env(const std::string& dir, const DeleteOptions& options);

struct ValidateOptions {
  EnvRequest target;
  ClusterOptions cluster;  // dry_run and wait are ignored: validate is a server dry run
};

DeployResult validate(const std::string& dir, const ValidateOptions& options);

struct DiffOptions {
  // One env (or none: the current one): the live cluster against what applying would make.
  // Two envs: their rendered objects against each other, no cluster contacted.
  std::vector<std::string> envs;
  RenderOptions render;
  ClusterOptions cluster;  // one env only
};

// Every env rendered is checked for drifted vendored packages, in both forms.
DiffResult diff(const std::string& dir, const DiffOptions& options);

}  // namespace ks::ops
