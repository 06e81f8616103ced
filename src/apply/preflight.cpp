#include "apply/preflight.h"

#include <map>
#include <mutex>
#include <set>

#include "apply/object_names.h"
#include "apply/parallel.h"
#include "apply/ssa_apply.h"
#include "base/error.h"
#include "base/strings.h"
#include "kube/api_error.h"

namespace ks::apply {

namespace {

using nlohmann::json;

const kube::ResourceInfo kNamespaces{"", "v1", "Namespace", "namespaces", false};
const kube::ResourceInfo kSecrets{"", "v1", "Secret", "secrets", true};

// "" when the namespace can take new objects, else why not.
std::string namespace_problem(kube::Session& session, const std::string& ns) {
  kube::Request req;
  req.path = kube::object_path(kNamespaces, "", ns);
  kube::Response r = session.send(req);
  if (r.status == 404) return "namespace " + ns + " does not exist";
  if (!kube::is_success(r)) return "cannot read namespace " + ns + ": " + kube::describe_failure(r);
  json live = json::parse(r.body, nullptr, false);
  if (live.is_object() && live.contains("status") && live["status"].is_object() &&
      live["status"].value("phase", "") == "Terminating")
    return "namespace " + ns + " is being deleted";
  return "";
}

PlannedObject namespace_object(const std::string& ns) {
  PlannedObject p;
  p.object = {{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", ns}}}};
  p.ref = kube::ref_of(p.object);
  p.resource = kNamespaces;
  p.tier = Tier::Foundation;
  p.outside_set = true;
  return p;
}

}  // namespace

void preflight(kube::Session& session, std::vector<PlannedObject>& plan, const ApplySet& set,
               const PreflightOptions& options) {
  std::vector<std::string> problems;
  std::set<std::string> created, needed{set.parent_namespace};
  for (const PlannedObject& p : plan) {
    if (!p.error.empty())
      problems.push_back(component_prefix(p.object) + p.ref.display() + ": " + p.error);
    if (p.ref.kind == "Namespace" && p.ref.group().empty()) created.insert(p.ref.name);
    if (!p.ref.namespace_.empty()) needed.insert(p.ref.namespace_);
  }
  std::vector<std::string> to_check;
  for (const std::string& ns : needed)
    if (!created.count(ns)) to_check.push_back(ns);
  std::map<std::string, std::string> missing;  // namespace → why it cannot take objects
  std::mutex mu;
  parallel_for(to_check.size(), 8, [&](size_t i) {
    std::string why = namespace_problem(session, to_check[i]);
    std::lock_guard<std::mutex> lock(mu);
    if (!why.empty()) missing[to_check[i]] = why;
  });
  const std::string& env_ns = session.default_namespace();
  auto env_missing = missing.find(env_ns);
  if (options.create_namespace && env_missing != missing.end() &&
      str::ends_with(env_missing->second, "does not exist")) {
    plan.insert(plan.begin(), namespace_object(env_ns));
    missing.erase(env_missing);
  }
  for (const PlannedObject& p : plan) {
    auto it = missing.find(p.ref.namespace_);
    if (!p.ref.namespace_.empty() && it != missing.end())
      problems.push_back(component_prefix(p.object) + p.ref.display() + ": " + it->second);
  }
  std::string parent = "the ApplySet parent secret " + set.parent_namespace + "/" + set.parent_name;
  if (auto it = missing.find(set.parent_namespace); it != missing.end()) {
    problems.push_back(parent + ": " + it->second);
  } else if (!created.count(set.parent_namespace) &&
             !(options.create_namespace && set.parent_namespace == env_ns)) {
    // Can it be written? (RBAC, admission, quotas): ask the server without changing anything.
    PlannedObject probe;
    probe.object = parent_object(set, {}, {}, {});
    probe.ref = kube::ref_of(probe.object);
    probe.resource = kSecrets;
    kube::Response r = ssa_patch(session, probe, {options.field_manager, true, true});
    if (!kube::is_success(r))
      problems.push_back(parent + ": cannot be recorded: " + kube::describe_failure(r));
  }
  if (problems.empty()) return;
  std::string hint;
  for (const auto& [ns, why] : missing)
    if (str::ends_with(why, "does not exist")) {
      hint =
          "\nCreate the missing namespaces first, add Namespace objects to the app, or pass "
          "--create-namespace to create the env's namespace " +
          env_ns + ".";
      break;
    }
  throw Error("checked before writing anything: " + std::to_string(problems.size()) +
              (problems.size() == 1 ? " problem" : " problems") + ", so nothing was applied:\n  " +
              str::join(problems, "\n  ") + hint);
}

}  // namespace ks::apply
