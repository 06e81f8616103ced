#pragma once
// Readiness of workloads, as `kubectl rollout status` judges it: Deployments, StatefulSets and
// DaemonSets once their controller has observed the latest generation and rolled it out; Jobs
// once Complete. Other kinds are ready when applied.
#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "apply/plan.h"
#include "apply/report.h"
#include "kube/session.h"

namespace ks::apply {

struct Readiness {
  bool ready = false;
  bool failed = false;  // will never become ready (e.g. a failed Job)
  std::string reason;   // what is still missing
};

bool has_readiness(const kube::ObjectRef& ref);
Readiness readiness(const nlohmann::json& live);

// Polls until every object is ready, failed or the deadline passes; one result per object.
std::vector<ObjectResult> wait_ready(kube::Session& session,
                                     const std::vector<const PlannedObject*>& objects,
                                     std::chrono::seconds timeout,
                                     const std::function<void(const ObjectResult&)>& on_result);
// Polls until every object is gone (GET answers 404); failures name the objects still there.
std::vector<ObjectResult> wait_gone(kube::Session& session,
                                    const std::vector<const PlannedObject*>& objects,
                                    std::chrono::seconds timeout);

}  // namespace ks::apply
