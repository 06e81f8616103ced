#include "apply/apply.h"
#include "apply/object_names.h"
#include "apply/parallel.h"
#include "apply/plan.h"
#include "apply/secret_mask.h"
#include "apply/ssa_apply.h"
#include "base/error.h"
#include "kube/api_error.h"

namespace ks::apply {

namespace {

using nlohmann::json;

// The live object and what a dry-run apply would make of it.
DiffPair compare(kube::Session& session, const PlannedObject& p, const ApplyCall& call) {
  DiffPair pair{p.ref.file_name(), "", ""};
  // New objects only: nothing live to compare with. Secret values are masked either way.
  auto only_new = [&] {
    json none, object = p.object;
    mask_secret_values(none, object);
    pair.new_yaml = diff_yaml(object);
    return pair;
  };
  if (!p.resource) return only_new();  // its CRD is not installed yet: everything is new
  json live = session.get_object(path_of(p));
  kube::Response r = ssa_patch(session, p, call);
  if (is_missing_namespace(r)) return only_new();
  if (!kube::is_success(r)) throw Error(p.ref.display() + ": " + kube::describe_failure(r));
  json merged = json::parse(r.body, nullptr, false);
  if (merged.is_discarded()) throw Error(p.ref.display() + ": the server answered invalid JSON");
  mask_secret_values(live, merged);
  pair.old_yaml = diff_yaml(live);
  pair.new_yaml = diff_yaml(merged);
  return pair;
}

}  // namespace

DiffResult diff(const kube::Target& target, const std::vector<json>& objects,
                const DiffOptions& options) {
  require_valid_names(objects, "compared");
  kube::Session session(target, options.session);
  kube::emit_warnings(session.connection(), options.on_warning);
  std::vector<PlannedObject> plan = plan_objects(session, objects);
  ApplySet set = make_applyset(options.identity, session.default_namespace());
  ApplyCall call{options.field_manager, options.force_conflicts, true};
  std::vector<DiffPair> pairs(plan.size());
  std::vector<std::string> errors(plan.size());
  parallel_for(plan.size(), options.concurrency, [&](size_t i) {
    PlannedObject& p = plan[i];
    if (!p.error.empty()) {
      errors[i] = (p.ref.name.empty() ? "" : p.ref.display() + ": ") + p.error;
      return;
    }
    p.object = with_member_labels(std::move(p.object), set, options.identity);
    try {
      pairs[i] = compare(session, p, call);
    } catch (const Error& e) {
      errors[i] = e.what();
    }
  });
  std::vector<DiffPair> compared;
  for (size_t i = 0; i < plan.size(); ++i)
    if (errors[i].empty()) compared.push_back(std::move(pairs[i]));
  DiffResult result = render_diff(compared, "live", "merged");
  for (std::string& e : errors)
    if (!e.empty()) result.errors.push_back(std::move(e));
  return result;
}

}  // namespace ks::apply
