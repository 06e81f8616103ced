#include "apply/prune.h"

#include <algorithm>

#include "apply/object_names.h"
#include "apply/parallel.h"
#include "base/error.h"
#include "base/strings.h"
#include "kube/api_error.h"

namespace ks::apply {

namespace {

using nlohmann::json;

std::string identity_key(const std::string& group, const std::string& kind, const std::string& ns,
                         const std::string& name) {
  return group + "|" + kind + "|" + ns + "|" + name;
}

std::pair<std::string, std::string> split_group_kind(const std::string& gk) {
  auto dot = gk.find('.');
  if (dot == std::string::npos) return {"", gk};
  return {gk.substr(dot + 1), gk.substr(0, dot)};
}

std::string objects_word(size_t n) {
  return std::to_string(n) + (n == 1 ? " object" : " objects");
}

}  // namespace

bool is_controller_owned(const json& object) {
  if (!object.is_object() || !object.contains("metadata")) return false;
  for (const json& owner : object["metadata"].value("ownerReferences", json::array()))
    if (owner.value("controller", false)) return true;
  return false;
}

std::vector<PruneCandidate> prune_candidates(kube::Session& session, const ApplySet& set,
                                             const Identity& identity, const PruneScope& scope,
                                             const std::vector<kube::ObjectRef>& applied) {
  std::set<std::string> keep;
  for (const kube::ObjectRef& r : applied)
    keep.insert(identity_key(r.group(), r.kind, r.namespace_, r.name));
  std::vector<PruneCandidate> candidates;
  std::string selector = std::string(kPartOfLabel) + "=" + set.id;
  for (const std::string& gk : scope.group_kinds) {
    auto [group, kind] = split_group_kind(gk);
    auto res = session.discovery().find_group_kind(group, kind);
    if (!res) continue;  // no longer served: nothing of that kind can exist
    std::vector<std::string> namespaces =
        res->namespaced ? std::vector<std::string>(scope.namespaces.begin(), scope.namespaces.end())
                        : std::vector<std::string>{""};
    for (const std::string& ns : namespaces) {
      for (const json& item : session.list_objects(kube::collection_path(*res, ns), selector)) {
        json meta = item.value("metadata", json::object());
        std::string name = meta.value("name", ""),
                    item_ns = res->namespaced ? meta.value("namespace", ns) : "";
        if (keep.count(identity_key(group, kind, item_ns, name))) continue;
        // A listed name that is not a plain path segment cannot be addressed safely.
        if (!name_problem(name, NameRule::PathSegment).empty() ||
            (!item_ns.empty() && !name_problem(item_ns, NameRule::PathSegment).empty()))
          continue;
        if (!is_member(item, set, identity) || is_controller_owned(item)) continue;
        kube::ObjectRef ref{group.empty() ? res->version : group + "/" + res->version, kind,
                            item_ns, name};
        candidates.push_back({ref, kube::object_path(*res, item_ns, name), set.parent_namespace});
      }
    }
  }
  return candidates;
}

std::vector<EarlierSet> earlier_sets(kube::Session& session, const Identity& identity,
                                     const ApplySet& current,
                                     const std::vector<std::string>& namespaces) {
  std::vector<EarlierSet> out;
  if (namespaces.empty()) return out;
  std::string selector = std::string(kAppLabel) + "=" + label_value(identity.app) + "," +
                         kEnvLabel + "=" + label_value(identity.env) + "," + kIdLabel;
  for (const json& item : session.list_objects("/api/v1/secrets", selector)) {
    json meta = item.value("metadata", json::object());
    std::string name = meta.value("name", ""), ns = meta.value("namespace", "");
    if (name != current.parent_name || ns == current.parent_namespace || ns.empty()) continue;
    // Another checkout may deploy the same app and env to its own namespace of this cluster:
    // only a namespace this env was moved away from is this env's.
    if (std::find(namespaces.begin(), namespaces.end(), ns) == namespaces.end()) continue;
    ParentState state = parent_state(item);
    if (state.tooling.rfind("ks/", 0) != 0) continue;
    ApplySet set{name, ns, applyset_id(name, ns, "Secret", "")};
    if (meta.value("labels", json::object()).value(kIdLabel, "") != set.id) continue;
    out.push_back({set, state});
  }
  return out;
}

void check_prune_limit(const std::vector<PruneCandidate>& candidates, size_t kept,
                       const std::string& env_namespace, const PruneLimit& limit) {
  if (limit.confirmed || candidates.empty()) return;
  size_t moved = 0;
  for (const PruneCandidate& c : candidates)
    if (c.from_namespace != env_namespace) ++moved;
  std::string why;
  if (limit.max) {
    if (candidates.size() <= static_cast<size_t>(*limit.max)) return;
    why = "more than --prune-max " + std::to_string(*limit.max);
  } else if (moved > 0) {
    why = std::to_string(moved) + " of them in namespace(s) this env deployed to before";
  } else if (candidates.size() > kept) {
    why = "more than the " + objects_word(kept) + " this apply keeps";
  } else {
    return;
  }
  std::vector<std::string> lines;
  for (const PruneCandidate& c : candidates) lines.push_back("  would prune " + c.ref.display());
  throw Error("--prune would delete " + objects_word(candidates.size()) + ", " + why +
              "; nothing was changed:\n" + str::join(lines, "\n") +
              "\nIf this is intended, run again with --yes (or --prune-max " +
              std::to_string(candidates.size()) +
              "); if not, check the env's targets (`ks env targets ENV`) and components");
}

std::vector<ObjectResult> delete_candidates(kube::Session& session,
                                            const std::vector<PruneCandidate>& candidates,
                                            bool dry_run, int concurrency) {
  std::vector<ObjectResult> results(candidates.size());
  parallel_for(candidates.size(), concurrency, [&](size_t i) {
    kube::Request req;
    req.method = "DELETE";
    req.path = candidates[i].path + (dry_run ? "?dryRun=All" : "");
    req.body =
        json{{"apiVersion", "v1"}, {"kind", "DeleteOptions"}, {"propagationPolicy", "Background"}}
            .dump();
    req.content_type = "application/json";
    kube::Response r = session.send(req);
    bool gone = kube::is_success(r) || r.status == 404;
    results[i] = {candidates[i].ref, gone ? Action::Pruned : Action::Failed,
                  gone ? "" : kube::describe_failure(r)};
  });
  return results;
}

}  // namespace ks::apply
