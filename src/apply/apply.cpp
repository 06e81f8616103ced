#include "apply/apply.h"

#include <mutex>

#include "apply/crd_wait.h"
#include "apply/live_index.h"
#include "apply/object_names.h"
#include "apply/parallel.h"
#include "apply/plan.h"
#include "apply/preflight.h"
#include "apply/prune.h"
#include "apply/ssa_apply.h"
#include "apply/wait.h"
#include "base/error.h"
#include "kube/api_error.h"

namespace ks::apply {

namespace {

using nlohmann::json;

const kube::ResourceInfo kSecrets{"", "v1", "Secret", "secrets", true};

struct Members {
  std::set<std::string> group_kinds;
  std::set<std::string> namespaces;
};

Members members_of(const std::vector<PlannedObject>& plan, const std::string& parent_ns) {
  Members m;
  m.namespaces.insert(parent_ns);
  for (const PlannedObject& p : plan) {
    if (!p.error.empty() || p.outside_set) continue;
    m.group_kinds.insert(p.ref.group_kind());
    if (!p.ref.namespace_.empty()) m.namespaces.insert(p.ref.namespace_);
  }
  return m;
}

void write_parent(kube::Session& session, const ApplySet& set, const Identity& identity,
                  const Members& members, const std::string& field_manager) {
  PlannedObject parent;
  parent.object = parent_object(set, identity, members.group_kinds, members.namespaces);
  parent.ref = kube::ref_of(parent.object);
  parent.resource = kSecrets;
  kube::Response r = ssa_patch(session, parent, {field_manager, true, false});
  if (!kube::is_success(r))
    throw Error("cannot record the ApplySet parent secret " + set.parent_namespace + "/" +
                set.parent_name + ": " + kube::describe_failure(r));
}

ParentState read_parent(kube::Session& session, const ApplySet& set) {
  ParentState state = parent_state(
      session.get_object(kube::object_path(kSecrets, set.parent_namespace, set.parent_name)));
  if (state.exists && state.tooling.rfind("ks/", 0) != 0)
    throw Error("the ApplySet parent secret " + set.parent_namespace + "/" + set.parent_name +
                " is managed by '" + state.tooling + "', not ks; refusing to change its objects");
  return state;
}

Members merged(const Members& now, const ParentState& before) {
  Members m = now;
  m.group_kinds.insert(before.group_kinds.begin(), before.group_kinds.end());
  m.namespaces.insert(before.namespaces.begin(), before.namespaces.end());
  return m;
}

PruneScope scope_of(const Members& m) {
  return {m.group_kinds, m.namespaces};
}

std::vector<std::string> established_crds(const std::vector<PlannedObject>& plan,
                                          const std::vector<ObjectResult>& results) {
  std::vector<std::string> names;
  for (size_t i = 0; i < plan.size(); ++i)
    if (plan[i].ref.kind == "CustomResourceDefinition" &&
        plan[i].ref.group() == "apiextensions.k8s.io" && results[i].action != Action::Failed)
      names.push_back(plan[i].ref.name);
  return names;
}

bool any_awaiting(const std::vector<PlannedObject>& plan) {
  for (const PlannedObject& p : plan)
    if (p.awaits_crd && !p.resource) return true;
  return false;
}

// Sets this app+env left behind in namespaces it deployed to before. Without permission to list
// Secrets in all namespaces they cannot be found: say so and go on.
std::vector<EarlierSet> find_earlier_sets(kube::Session& session, const Identity& identity,
                                          const ApplySet& set,
                                          const std::vector<std::string>& namespaces,
                                          const WarningFn& warn) {
  try {
    return earlier_sets(session, identity, set, namespaces);
  } catch (const Error& e) {
    session.http().throw_if_unreachable();
    if (warn)
      warn(std::string("could not look for this env's objects in other namespaces: ") + e.what());
    return {};
  }
}

std::string moved_note(const EarlierSet& old, const ApplySet& now) {
  return "this env deployed to namespace " + old.set.parent_namespace +
         " before (ApplySet parent " + "secret " + old.set.parent_namespace + "/" +
         old.set.parent_name +
         "); those objects are left as they are and are no longer managed from namespace " +
         now.parent_namespace + ". Run `ks apply` with --prune to delete them";
}

}  // namespace

Report apply(const kube::Target& target, const std::vector<json>& objects,
             const ApplyOptions& options) {
  require_valid_names(objects, "applied");
  kube::Session session(target, options.session);
  kube::emit_warnings(session.connection(), options.on_warning);
  Report report;
  report.dry_run = options.dry_run;
  std::vector<PlannedObject> plan = plan_objects(session, objects);
  ApplySet set = make_applyset(options.identity, session.default_namespace());
  for (PlannedObject& p : plan)
    if (p.error.empty()) p.object = with_member_labels(std::move(p.object), set, options.identity);
  ParentState before = read_parent(session, set);
  preflight(session, plan, set, {options.field_manager, options.create_namespace});
  Members now = members_of(plan, set.parent_namespace);

  // Everything prune will delete is known before the first write, so a prune larger than
  // expected is refused while the cluster is still untouched.
  std::vector<EarlierSet> earlier = find_earlier_sets(
      session, options.identity, set, options.earlier_namespaces, options.on_warning);
  std::vector<PruneCandidate> doomed;
  if (options.prune) {
    std::vector<kube::ObjectRef> applied;
    for (const PlannedObject& p : plan) applied.push_back(p.ref);
    doomed =
        prune_candidates(session, set, options.identity, scope_of(merged(now, before)), applied);
    for (const EarlierSet& old : earlier) {
      Members old_scope{old.state.group_kinds, old.state.namespaces};
      old_scope.namespaces.insert(old.set.parent_namespace);
      for (PruneCandidate& c :
           prune_candidates(session, old.set, options.identity, scope_of(old_scope), applied))
        doomed.push_back(std::move(c));
    }
    check_prune_limit(doomed, plan.size(), set.parent_namespace, options.prune_limit);
  } else if (options.on_warning) {
    for (const EarlierSet& old : earlier) options.on_warning(moved_note(old, set));
  }

  LiveIndex live =
      LiveIndex::load(session, plan, std::string(kPartOfLabel) + "=" + set.id, options.concurrency);

  std::vector<ObjectResult> results(plan.size());
  std::mutex mu;
  auto record = [&](size_t i, ObjectResult r) {
    std::lock_guard<std::mutex> lock(mu);
    results[i] = std::move(r);
    if (options.on_result) options.on_result(results[i]);
  };
  ApplyCall call{options.field_manager, options.force_conflicts, options.dry_run};
  auto deadline = std::chrono::steady_clock::now() + options.timeout;
  bool parent_written = options.dry_run;
  bool crds_waited = false;
  auto cancelled = [&] { return options.cancel && options.cancel->load(); };
  std::vector<Tier> tiers;
  for (const PlannedObject& p : plan) tiers.push_back(p.tier);
  for (const std::vector<size_t>& group : group_by_tier(tiers)) {
    bool foundation = plan[group.front()].tier == Tier::Foundation;
    if (!foundation && !crds_waited && !cancelled()) {
      crds_waited = true;
      if (!options.dry_run && any_awaiting(plan))
        wait_for_crds(session, established_crds(plan, results), plan, deadline,
                      kube::duration_text(options.timeout));
    }
    if (!foundation && !parent_written) {
      write_parent(session, set, options.identity, merged(now, before), options.field_manager);
      parent_written = true;
    }
    parallel_for(group.size(), options.concurrency, [&](size_t k) {
      size_t i = group[k];
      if (cancelled()) {
        std::lock_guard<std::mutex> lock(mu);
        results[i] = {plan[i].ref, Action::Skipped, "not applied: interrupted"};
        return;
      }
      ObjectResult r = apply_one(session, plan[i], call, live);
      // A server that went away fails every object the same way: one message for all of them.
      if (r.action == Action::Failed) session.http().throw_if_unreachable();
      record(i, std::move(r));
    });
  }
  report.interrupted = cancelled();
  if (!parent_written)
    write_parent(session, set, options.identity, merged(now, before), options.field_manager);
  report.objects = results;

  bool pruned_all = false;
  if (report.interrupted) {
    report.notes.push_back("interrupted: " + std::to_string(report.count(Action::Skipped)) +
                           " objects were not applied" +
                           (options.prune || options.wait ? "; prune and wait skipped" : ""));
  } else if (options.prune) {
    if (!report.ok()) {
      report.notes.push_back("prune skipped because " + std::to_string(report.failures().size()) +
                             " objects failed to apply");
    } else {
      report.pruned = delete_candidates(session, doomed, options.dry_run, options.concurrency);
      for (const ObjectResult& r : report.pruned)
        if (options.on_result) options.on_result(r);
      pruned_all = report.ok();
    }
  }
  // The parent keeps the union until stale members are gone, so a failed prune can be retried.
  if (!options.dry_run && pruned_all) {
    write_parent(session, set, options.identity, now, options.field_manager);
    for (const EarlierSet& old : earlier) {
      kube::Request req;
      req.method = "DELETE";
      req.path = kube::object_path(kSecrets, old.set.parent_namespace, old.set.parent_name);
      kube::Response r = session.send(req);
      if (!kube::is_success(r) && r.status != 404)
        report.notes.push_back("could not delete the earlier ApplySet parent secret " +
                               old.set.parent_namespace + "/" + old.set.parent_name + ": " +
                               kube::describe_failure(r));
    }
  }

  if (options.wait && !options.dry_run && !report.interrupted) {
    std::vector<const PlannedObject*> applied;
    for (size_t i = 0; i < plan.size(); ++i)
      if (results[i].action != Action::Failed) applied.push_back(&plan[i]);
    report.waited = wait_ready(session, applied, options.timeout, options.on_result);
  }
  return report;
}

}  // namespace ks::apply
