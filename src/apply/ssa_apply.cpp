#include "apply/ssa_apply.h"

#include <thread>

#include "apply/applyset.h"
#include "apply/noise.h"
#include "base/error.h"
#include "base/strings.h"
#include "kube/api_error.h"

namespace ks::apply {

namespace {

using nlohmann::json;

std::string resource_version(const json& o) {
  if (!o.is_object() || !o.contains("metadata")) return "";
  return o["metadata"].value("resourceVersion", "");
}

// Every value of `desired` is in `live` (which has server defaults and status besides).
bool live_has(const json& live, const json& desired) {
  if (desired.is_object()) {
    if (!live.is_object()) return false;
    for (auto it = desired.begin(); it != desired.end(); ++it) {
      auto found = live.find(it.key());
      if (found == live.end() || !live_has(*found, it.value())) return false;
    }
    return true;
  }
  if (desired.is_array()) {
    if (!live.is_array() || live.size() != desired.size()) return false;
    for (size_t i = 0; i < desired.size(); ++i)
      if (!live_has(live[i], desired[i])) return false;
    return true;
  }
  return live == desired;
}

std::string applied_digest(const json& o) {
  if (!o.is_object() || !o.contains("metadata") || !o["metadata"].is_object()) return "";
  const json& meta = o["metadata"];
  if (!meta.contains("annotations") || !meta["annotations"].is_object()) return "";
  return meta["annotations"].value(kAppliedDigestAnnotation, "");
}

// The last apply sent this very object (same digest) and none of its values changed since, so
// applying it again would change nothing. A field dropped from the object changes the digest;
// another writer changing one of its values fails the comparison.
bool already_applied(const json& live, const json& desired) {
  std::string digest = applied_digest(desired);
  return !digest.empty() && applied_digest(live) == digest && live_has(live, desired);
}

// Every managedFields entry belongs to `manager`: nobody else ever wrote the object.
bool only_written_by(const json& o, const std::string& manager) {
  if (!o.is_object() || !o.contains("metadata") || !o["metadata"].is_object()) return false;
  const json& entries = o["metadata"].value("managedFields", json::array());
  if (!entries.is_array() || entries.empty()) return false;
  for (const json& e : entries)
    if (!e.is_object() || e.value("manager", "") != manager) return false;
  return true;
}

ObjectResult failed(const kube::ObjectRef& ref, const std::string& why) {
  return {ref, Action::Failed, why};
}

}  // namespace

std::string apply_query(const ApplyCall& call) {
  std::string q = "?fieldManager=" + kube::url_encode(call.field_manager) +
                  "&force=" + (call.force ? "true" : "false");
  if (call.dry_run) q += "&dryRun=All";
  return q;
}

bool is_missing_namespace(const kube::Response& r) {
  if (r.status != 404) return false;
  json doc = json::parse(r.body, nullptr, false);
  return doc.is_object() && doc.contains("details") && doc["details"].is_object() &&
         doc["details"].value("kind", "") == "namespaces";
}

kube::Response ssa_patch(kube::Session& session, const PlannedObject& p, const ApplyCall& call) {
  kube::Request req;
  req.method = "PATCH";
  req.path = path_of(p) + apply_query(call);
  req.body = p.object.dump();
  req.content_type = "application/apply-patch+yaml";
  constexpr auto kNewEndpointWait = std::chrono::seconds(15);
  auto deadline = std::chrono::steady_clock::now() + kNewEndpointWait;
  kube::WaitNotice notice(session.waiting(),
                          "the server to serve kind " + p.ref.kind + " (just defined by its CRD)",
                          "15s after the CRD was established");
  for (;;) {
    kube::Response r = session.send(req);
    // A new CRD's endpoint can answer 404 for a moment after the CRD is Established.
    if (!p.awaits_crd || r.status != 404 || is_missing_namespace(r) ||
        std::chrono::steady_clock::now() > deadline)
      return r;
    notice.tick();
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
  }
}

ObjectResult apply_one(kube::Session& session, const PlannedObject& p, const ApplyCall& call,
                       const LiveIndex& index) {
  if (!p.error.empty()) return failed(p.ref, p.error);
  if (!p.resource) {
    if (call.dry_run)
      return {p.ref, Action::Created, "its CRD is not on the server yet, so it was not checked"};
    return failed(p.ref, "kind " + p.ref.kind +
                             " is not served yet; its CRD did not become Established and listed in "
                             "discovery before --timeout expired");
  }
  const std::string path = path_of(p);
  LiveIndex::Lookup known = index.find(path);
  json live;
  try {
    if (!known.listed) live = session.get_object(path);
    if (known.object) live = *known.object;
  } catch (const Error& e) {
    return failed(p.ref, e.what());
  }
  if (!live.is_null() && already_applied(live, p.object)) return {p.ref, Action::Unchanged, ""};
  kube::Response r = ssa_patch(session, p, call);
  if (call.dry_run && is_missing_namespace(r))
    return {p.ref, Action::Created, "its namespace does not exist yet"};
  if (!kube::is_success(r)) return failed(p.ref, kube::describe_failure(r));
  if (r.status == 201) return {p.ref, Action::Created, ""};
  json result = json::parse(r.body, nullptr, false);
  if (live.is_null() && known.listed && call.dry_run) {
    // Not a member yet but there (200): a dry run changed nothing, so read it now to compare.
    try {
      live = session.get_object(path);
    } catch (const Error& e) {
      return failed(p.ref, e.what());
    }
  }
  if (live.is_null()) {
    if (call.dry_run) return {p.ref, Action::Created, ""};
    // A 200 after an attempt whose answer was lost: that attempt may have created the object.
    // It did when the object was known to be absent (read one by one), or, for an object that
    // was not a member (so the lists could not tell), when no other manager ever wrote it: an
    // object ks takes over always carries its earlier writer's managedFields entry.
    if (r.earlier_attempt_unanswered &&
        (!known.listed || only_written_by(result, call.field_manager)))
      return {p.ref, Action::Created, ""};
    return {p.ref, Action::Configured, ""};
  }
  // A controller may write status between the read and the apply (a real server's Deployment
  // controller does, under load): a new resourceVersion alone does not mean the apply changed it.
  bool same = call.dry_run ? strip_noise(live) == strip_noise(result)
                           : (!resource_version(live).empty() &&
                              resource_version(live) == resource_version(result)) ||
                                 strip_noise(live) == strip_noise(result);
  return {p.ref, same ? Action::Unchanged : Action::Configured, ""};
}

}  // namespace ks::apply
