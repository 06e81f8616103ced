#include "apply/wait.h"

#include <thread>

#include "base/error.h"

namespace ks::apply {

namespace {

using nlohmann::json;
constexpr auto kPoll = std::chrono::milliseconds(500);

long long num(const json& obj, const char* key, long long fallback = 0) {
  auto it = obj.find(key);
  return it != obj.end() && it->is_number() ? it->get<long long>() : fallback;
}

// Generation check shared by the workload kinds.
bool observed(const json& live, const json& status, Readiness& r) {
  long long generation = num(live.value("metadata", json::object()), "generation");
  if (num(status, "observedGeneration") < generation) {
    r.reason = "waiting for the controller to observe generation " + std::to_string(generation);
    return false;
  }
  return true;
}

Readiness deployment(const json& live, const json& spec, const json& status) {
  Readiness r;
  if (!observed(live, status, r)) return r;
  long long want = num(spec, "replicas", 1);
  long long updated = num(status, "updatedReplicas"), total = num(status, "replicas"),
            available = num(status, "availableReplicas");
  if (updated < want)
    r.reason = std::to_string(updated) + " of " + std::to_string(want) + " replicas updated";
  else if (total > updated)
    r.reason = std::to_string(total - updated) + " old replicas are pending termination";
  else if (available < updated)
    r.reason = std::to_string(available) + " of " + std::to_string(updated) +
               " updated replicas available";
  else
    r.ready = true;
  return r;
}

Readiness statefulset(const json& live, const json& spec, const json& status) {
  Readiness r;
  if (!observed(live, status, r)) return r;
  long long want = num(spec, "replicas", 1);
  long long ready = num(status, "readyReplicas"), updated = num(status, "updatedReplicas");
  std::string strategy =
      spec.value("updateStrategy", json::object()).value("type", "RollingUpdate");
  if (ready < want)
    r.reason = std::to_string(ready) + " of " + std::to_string(want) + " replicas ready";
  else if (strategy == "RollingUpdate" && updated < want)
    r.reason = std::to_string(updated) + " of " + std::to_string(want) + " replicas updated";
  else
    r.ready = true;
  return r;
}

Readiness daemonset(const json& live, const json& status) {
  Readiness r;
  if (!observed(live, status, r)) return r;
  long long want = num(status, "desiredNumberScheduled");
  long long updated = num(status, "updatedNumberScheduled"),
            available = num(status, "numberAvailable");
  if (updated < want)
    r.reason = std::to_string(updated) + " of " + std::to_string(want) + " pods updated";
  else if (available < want)
    r.reason = std::to_string(available) + " of " + std::to_string(want) + " pods available";
  else
    r.ready = true;
  return r;
}

Readiness job(const json& status) {
  Readiness r;
  for (const json& c : status.value("conditions", json::array())) {
    if (c.value("status", "") != "True") continue;
    if (c.value("type", "") == "Complete") r.ready = true;
    if (c.value("type", "") == "Failed") {
      r.failed = true;
      r.reason = "the job failed: " + c.value("message", c.value("reason", ""));
    }
  }
  if (!r.ready && !r.failed) r.reason = "the job has not completed";
  return r;
}

}  // namespace

bool has_readiness(const kube::ObjectRef& ref) {
  std::string g = ref.group();
  return (g == "apps" &&
          (ref.kind == "Deployment" || ref.kind == "StatefulSet" || ref.kind == "DaemonSet")) ||
         (g == "batch" && ref.kind == "Job");
}

Readiness readiness(const json& live) {
  if (!live.is_object()) return {false, false, "the object does not exist"};
  kube::ObjectRef ref = kube::ref_of(live);
  json spec = live.value("spec", json::object());
  json status = live.value("status", json::object());
  if (!has_readiness(ref)) return {true, false, ""};
  if (ref.kind == "Deployment") return deployment(live, spec, status);
  if (ref.kind == "StatefulSet") return statefulset(live, spec, status);
  if (ref.kind == "DaemonSet") return daemonset(live, status);
  return job(status);
}

std::vector<ObjectResult> wait_ready(kube::Session& session,
                                     const std::vector<const PlannedObject*>& objects,
                                     std::chrono::seconds timeout,
                                     const std::function<void(const ObjectResult&)>& on_result) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  std::vector<ObjectResult> results;
  std::vector<const PlannedObject*> pending;
  for (const PlannedObject* p : objects)
    if (p->resource && has_readiness(p->ref)) pending.push_back(p);
  std::vector<std::string> last_reason(pending.size());
  std::vector<bool> done(pending.size(), false);
  kube::WaitNotice notice(session.waiting(),
                          pending.size() == 1
                              ? pending[0]->ref.display() + " to become ready"
                              : std::to_string(pending.size()) + " workloads to become ready",
                          "--timeout " + kube::duration_text(timeout));
  for (;;) {
    bool all_done = true;
    for (size_t i = 0; i < pending.size(); ++i) {
      if (done[i]) continue;
      Readiness r;
      try {
        r = readiness(session.get_object(path_of(*pending[i])));
      } catch (const Error& e) {
        session.http().throw_if_unreachable();
        r = {false, false, e.what()};
      }
      last_reason[i] = r.reason;
      if (r.ready || r.failed) {
        done[i] = true;
        results.push_back(
            {pending[i]->ref, r.ready ? Action::Ready : Action::NotReady, r.ready ? "" : r.reason});
        if (on_result) on_result(results.back());
      } else {
        all_done = false;
      }
    }
    if (all_done) break;
    if (std::chrono::steady_clock::now() > deadline) {
      for (size_t i = 0; i < pending.size(); ++i) {
        if (done[i]) continue;
        results.push_back(
            {pending[i]->ref, Action::NotReady,
             "--timeout " + kube::duration_text(timeout) + " expired: " + last_reason[i]});
        if (on_result) on_result(results.back());
      }
      break;
    }
    for (size_t i = 0; i < pending.size(); ++i)
      if (!done[i]) {
        // One workload is named by the notice itself; of several, name the first still waiting.
        notice.tick(pending.size() == 1 ? last_reason[i]
                                        : pending[i]->ref.display() + ": " + last_reason[i]);
        break;
      }
    std::this_thread::sleep_for(kPoll);
  }
  return results;
}

std::vector<ObjectResult> wait_gone(kube::Session& session,
                                    const std::vector<const PlannedObject*>& objects,
                                    std::chrono::seconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  std::vector<const PlannedObject*> pending = objects;
  kube::WaitNotice notice(session.waiting(), "deleted objects to disappear",
                          "--timeout " + kube::duration_text(timeout));
  while (!pending.empty()) {
    std::vector<const PlannedObject*> still;
    for (const PlannedObject* p : pending) {
      try {
        if (!session.get_object(path_of(*p)).is_null()) still.push_back(p);
      } catch (const Error&) {
        session.http().throw_if_unreachable();
        still.push_back(p);
      }
    }
    pending = std::move(still);
    if (!pending.empty())
      notice.tick(std::to_string(pending.size()) + " still there, e.g. " +
                  pending.front()->ref.display());
    if (pending.empty() || std::chrono::steady_clock::now() > deadline) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  std::vector<ObjectResult> failures;
  for (const PlannedObject* p : pending)
    failures.push_back(
        {p->ref, Action::Failed,
         "still present when --timeout " + kube::duration_text(timeout) + " expired"});
  return failures;
}

}  // namespace ks::apply
