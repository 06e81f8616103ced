#include "apply/prune.h"

#include <mutex>

#include "apply/api_error.h"
#include "apply/parallel.h"
#include "base/error.h"

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

}  // namespace

bool is_controller_owned(const json& object) {
  if (!object.is_object() || !object.contains("metadata")) return false;
  for (const json& owner : object["metadata"].value("ownerReferences", json::array()))
    if (owner.value("controller", false)) return true;
  return false;
}

std::vector<ObjectResult> prune(Session& session, const ApplySet& set, const Identity& identity,
                                const PruneScope& scope, const std::vector<ObjectRef>& applied,
                                bool dry_run, int concurrency) {
  std::set<std::string> keep;
  for (const ObjectRef& r : applied)
    keep.insert(identity_key(r.group(), r.kind, r.namespace_, r.name));
  struct Candidate {
    ObjectRef ref;
    std::string path;
  };
  std::vector<Candidate> candidates;
  std::string selector = std::string(kPartOfLabel) + "=" + set.id;
  for (const std::string& gk : scope.group_kinds) {
    auto [group, kind] = split_group_kind(gk);
    auto res = session.discovery().find_group_kind(group, kind);
    if (!res) continue;  // no longer served: nothing of that kind can exist
    std::vector<std::string> namespaces =
        res->namespaced ? std::vector<std::string>(scope.namespaces.begin(), scope.namespaces.end())
                        : std::vector<std::string>{""};
    for (const std::string& ns : namespaces) {
      for (const json& item : session.list_objects(collection_path(*res, ns), selector)) {
        json meta = item.value("metadata", json::object());
        std::string name = meta.value("name", ""),
                    item_ns = res->namespaced ? meta.value("namespace", ns) : "";
        if (keep.count(identity_key(group, kind, item_ns, name))) continue;
        if (!is_member(item, set, identity) || is_controller_owned(item)) continue;
        ObjectRef ref{group.empty() ? res->version : group + "/" + res->version, kind, item_ns,
                      name};
        candidates.push_back({ref, object_path(*res, item_ns, name)});
      }
    }
  }
  std::vector<ObjectResult> results(candidates.size());
  parallel_for(candidates.size(), concurrency, [&](size_t i) {
    Request req;
    req.method = "DELETE";
    req.path = candidates[i].path + (dry_run ? "?dryRun=All" : "");
    req.body =
        json{{"apiVersion", "v1"}, {"kind", "DeleteOptions"}, {"propagationPolicy", "Background"}}
            .dump();
    req.content_type = "application/json";
    Response r = session.send(req);
    bool gone = is_success(r) || r.status == 404;
    results[i] = {candidates[i].ref, gone ? Action::Pruned : Action::Failed,
                  gone ? "" : describe_failure(r)};
  });
  return results;
}

}  // namespace ks::apply
