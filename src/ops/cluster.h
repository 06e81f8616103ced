#pragma once
// What every cluster operation (apply, diff, delete, validate) is told about the cluster and how
// to talk to it, filled once by the caller. The progress sinks are how a caller watches a long
// operation; they may be empty, and may be called from worker threads one at a time.
#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <string>

#include "apply/apply.h"
#include "apply/report.h"

namespace ks::ops {

// What the rest of ks reports per object; callers print these.
using apply::Action;
using apply::action_name;
using apply::ObjectResult;
using apply::Report;
using apply::result_line;
using kube::ObjectRef;

// kubectl's --dry-run: Client renders and plans without contacting the cluster; Server sends
// every request with dryRun=All so nothing changes.
enum class DryRun { None, Client, Server };

struct Progress {
  std::function<void(const std::string&)> on_rendered;  // describe_render's line (for -v)
  std::function<void(std::size_t total)> on_start;      // objects rendered, before any is sent
  std::function<void(const ObjectResult&)> on_result;
  std::function<void(const std::string&)> on_warning;  // empty: `warning: ...` on stderr
  std::function<void(long status)> on_retry;           // a request is being sent again
  std::function<void(const std::string&)> on_waiting;  // a wait of over 2 s
};

struct ClusterOptions {
  std::string kubeconfig;  // empty: $KUBECONFIG, else ~/.kube/config
  bool skip_server_check = false;
  int concurrency = 8;  // objects in flight at once
  std::size_t max_response_bytes = kube::ClientOptions{}.max_body_bytes;
  std::string field_manager = "ks";
  bool force_conflicts = false;
  DryRun dry_run = DryRun::None;
  bool wait = false;                  // until objects are ready (apply) or gone (delete)
  std::chrono::seconds timeout{300};  // for wait, and for CRDs to become established
  // Asked once the objects are rendered, right before the cluster is contacted (apply only):
  // the flag that, once set, stops sending objects not yet started (they are reported Skipped).
  std::function<const std::atomic<bool>*()> arm_cancel;
  Progress progress;
};

}  // namespace ks::ops
