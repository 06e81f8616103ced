#include <mutex>

#include "apply/apply.h"
#include "apply/object_names.h"
#include "apply/parallel.h"
#include "apply/plan.h"
#include "apply/wait.h"
#include "kube/api_error.h"

namespace ks::apply {

namespace {

using nlohmann::json;

ObjectResult delete_one(kube::Session& session, const PlannedObject& p,
                        const DeleteOptions& options) {
  if (!p.resource) return {p.ref, Action::NotFound, "its kind is not served"};
  json body = {
      {"apiVersion", "v1"}, {"kind", "DeleteOptions"}, {"propagationPolicy", options.propagation}};
  if (options.grace_period_seconds) body["gracePeriodSeconds"] = *options.grace_period_seconds;
  kube::Request req;
  req.method = "DELETE";
  req.path = path_of(p) + (options.dry_run ? "?dryRun=All" : "");
  req.body = body.dump();
  req.content_type = "application/json";
  kube::Response r = session.send(req);
  if (r.status == 404) return {p.ref, Action::NotFound, ""};
  if (!kube::is_success(r)) return {p.ref, Action::Failed, kube::describe_failure(r)};
  return {p.ref, Action::Deleted, ""};
}

}  // namespace

Report delete_objects(const kube::Target& target, const std::vector<json>& objects,
                      const DeleteOptions& options) {
  require_valid_names(objects, "deleted");
  kube::Session session(target, options.session);
  kube::emit_warnings(session.connection(), options.on_warning);
  std::vector<PlannedObject> plan = plan_objects(session, objects);
  std::vector<ObjectResult> results(plan.size());
  std::mutex mu;
  auto record = [&](size_t i, ObjectResult r) {
    std::lock_guard<std::mutex> lock(mu);
    results[i] = std::move(r);
    if (options.on_result) options.on_result(results[i]);
  };
  std::vector<Tier> tiers;
  for (const PlannedObject& p : plan) tiers.push_back(p.tier);
  Report report;
  report.dry_run = options.dry_run;
  for (const std::vector<size_t>& group : group_by_tier(tiers, /*reverse=*/true)) {
    parallel_for(group.size(), options.concurrency, [&](size_t k) {
      size_t i = group[k];
      const PlannedObject& p = plan[i];
      // A kind the server does not serve cannot have objects; an invalid object cannot either.
      if (!p.error.empty() && p.ref.name.empty())
        record(i, {p.ref, Action::Failed, p.error});
      else if (!p.error.empty())
        record(i, {p.ref, Action::NotFound, "its kind is not served"});
      else {
        ObjectResult r = delete_one(session, p, options);
        if (r.action == Action::Failed) session.http().throw_if_unreachable();
        record(i, std::move(r));
      }
    });
    if (options.wait && !options.dry_run) {
      std::vector<const PlannedObject*> deleted;
      for (size_t i : group)
        if (results[i].action == Action::Deleted) deleted.push_back(&plan[i]);
      for (ObjectResult& f : wait_gone(session, deleted, options.timeout)) {
        if (options.on_result) options.on_result(f);
        report.waited.push_back(std::move(f));
      }
    }
  }
  report.objects = results;
  if (options.delete_parent && !options.dry_run) {
    ApplySet set = make_applyset(options.identity, session.default_namespace());
    kube::Request req;
    req.method = "DELETE";
    req.path = kube::object_path({"", "v1", "Secret", "secrets", true}, set.parent_namespace,
                                 set.parent_name);
    kube::Response r = session.send(req);
    if (!kube::is_success(r) && r.status != 404)
      report.notes.push_back("could not delete the ApplySet parent secret " + set.parent_namespace +
                             "/" + set.parent_name + ": " + kube::describe_failure(r));
  }
  return report;
}

}  // namespace ks::apply
