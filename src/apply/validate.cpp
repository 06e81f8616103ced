#include <mutex>
#include <set>

#include "apply/apply.h"
#include "apply/object_names.h"
#include "apply/parallel.h"
#include "apply/plan.h"
#include "apply/ssa_apply.h"
#include "kube/api_error.h"

namespace ks::apply {

namespace {

std::set<std::string> namespaces_in(const std::vector<PlannedObject>& plan) {
  std::set<std::string> out;
  for (const PlannedObject& p : plan)
    if (p.ref.kind == "Namespace" && p.ref.group().empty()) out.insert(p.ref.name);
  return out;
}

}  // namespace

Report validate(const kube::Target& target, const std::vector<nlohmann::json>& objects,
                const ValidateOptions& options) {
  kube::Session session(target, options.session);
  kube::emit_warnings(session.connection(), options.on_warning);
  std::vector<PlannedObject> plan = plan_objects(session, objects);
  ApplySet set = make_applyset(options.identity, session.default_namespace());
  std::set<std::string> created_namespaces = namespaces_in(plan);
  std::vector<ObjectResult> results(plan.size());
  std::mutex mu;
  // Force: a conflict with another manager says nothing about whether the object is valid.
  ApplyCall call{options.field_manager, true, true};
  parallel_for(plan.size(), options.concurrency, [&](size_t i) {
    PlannedObject& p = plan[i];
    ObjectResult r{p.ref, Action::Valid, ""};
    if (std::string why = addressing_problem(objects[i]); !why.empty()) {
      r = {p.ref, Action::Failed, why};  // never sent: the server could misread its path
    } else if (!p.error.empty()) {
      r = {p.ref, Action::Failed, p.error};
    } else if (!p.resource) {
      r = {p.ref, Action::Skipped,
           "its kind comes from a CRD in this set that is not on the server yet"};
    } else {
      p.object = with_member_labels(std::move(p.object), set, options.identity);
      kube::Response resp = ssa_patch(session, p, call);
      if (is_missing_namespace(resp) && created_namespaces.count(p.ref.namespace_))
        r = {p.ref, Action::Skipped, "its namespace is created by this set"};
      else if (!kube::is_success(resp))
        r = {p.ref, Action::Failed, kube::describe_failure(resp)};
    }
    std::lock_guard<std::mutex> lock(mu);
    results[i] = r;
    if (options.on_result) options.on_result(results[i]);
  });
  Report report;
  report.dry_run = true;
  report.objects = results;
  return report;
}

}  // namespace ks::apply
