#include "apply/crd_wait.h"

#include <thread>

#include "base/error.h"

namespace ks::apply {

namespace {

using nlohmann::json;
constexpr auto kPoll = std::chrono::milliseconds(200);

bool awaiting(const std::vector<PlannedObject>& plan) {
  for (const PlannedObject& p : plan)
    if (p.awaits_crd && !p.resource) return true;
  return false;
}

}  // namespace

bool crd_established(const json& crd) {
  if (!crd.is_object() || !crd.contains("status")) return false;
  for (const json& c : crd["status"].value("conditions", json::array()))
    if (c.value("type", "") == "Established" && c.value("status", "") == "True") return true;
  return false;
}

std::map<std::string, std::string> wait_for_crds(kube::Session& session,
                                                 const std::vector<std::string>& crd_names,
                                                 std::vector<PlannedObject>& plan,
                                                 std::chrono::steady_clock::time_point deadline,
                                                 const std::string& bound) {
  std::map<std::string, std::string> problems;
  const kube::ResourceInfo crds{"apiextensions.k8s.io", "v1", "CustomResourceDefinition",
                                "customresourcedefinitions", false};
  for (const std::string& name : crd_names) {
    kube::WaitNotice notice(session.waiting(), "CRD " + name + " to become Established",
                            "--timeout " + bound);
    for (;;) {
      json crd;
      try {
        crd = session.get_object(kube::object_path(crds, "", name));
      } catch (const Error& e) {
        problems[name] = e.what();
        break;
      }
      if (crd_established(crd)) break;
      if (std::chrono::steady_clock::now() > deadline) {
        problems[name] = "CRD " + name + " did not become Established within --timeout " + bound;
        break;
      }
      notice.tick();
      std::this_thread::sleep_for(kPoll);
    }
  }
  kube::WaitNotice notice(session.waiting(), "the API discovery to list the new CRDs' kinds",
                          "--timeout " + bound);
  while (awaiting(plan)) {
    notice.tick();
    session.discovery().refresh();
    resolve_awaiting(session, plan);
    if (!awaiting(plan) || std::chrono::steady_clock::now() > deadline) break;
    std::this_thread::sleep_for(kPoll);
  }
  return problems;
}

}  // namespace ks::apply
