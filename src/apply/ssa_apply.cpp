#include "apply/ssa_apply.h"

#include <thread>

#include "apply/api_error.h"
#include "apply/noise.h"
#include "base/error.h"
#include "base/strings.h"

namespace ks::apply {

namespace {

using nlohmann::json;

std::string resource_version(const json& o) {
  if (!o.is_object() || !o.contains("metadata")) return "";
  return o["metadata"].value("resourceVersion", "");
}

ObjectResult failed(const ObjectRef& ref, const std::string& why) {
  return {ref, Action::Failed, why};
}

}  // namespace

std::string apply_query(const ApplyCall& call) {
  std::string q = "?fieldManager=" + url_encode(call.field_manager) +
                  "&force=" + (call.force ? "true" : "false");
  if (call.dry_run) q += "&dryRun=All";
  return q;
}

bool is_missing_namespace(const Response& r) {
  if (r.status != 404) return false;
  json doc = json::parse(r.body, nullptr, false);
  return doc.is_object() && doc.contains("details") && doc["details"].is_object() &&
         doc["details"].value("kind", "") == "namespaces";
}

Response ssa_patch(Session& session, const PlannedObject& p, const ApplyCall& call) {
  Request req;
  req.method = "PATCH";
  req.path = path_of(p) + apply_query(call);
  req.body = p.object.dump();
  req.content_type = "application/apply-patch+yaml";
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
  for (;;) {
    Response r = session.send(req);
    // A new CRD's endpoint can answer 404 for a moment after the CRD is Established.
    if (!p.awaits_crd || r.status != 404 || is_missing_namespace(r) ||
        std::chrono::steady_clock::now() > deadline)
      return r;
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
  }
}

ObjectResult apply_one(Session& session, const PlannedObject& p, const ApplyCall& call) {
  if (!p.error.empty()) return failed(p.ref, p.error);
  if (!p.resource) {
    if (call.dry_run)
      return {p.ref, Action::Created, "its CRD is not on the server yet, so it was not checked"};
    return failed(p.ref,
                  "kind " + p.ref.kind + " is not served yet; its CRD did not become established");
  }
  json live;
  try {
    live = session.get_object(path_of(p));
  } catch (const Error& e) {
    return failed(p.ref, e.what());
  }
  Response r = ssa_patch(session, p, call);
  if (call.dry_run && is_missing_namespace(r))
    return {p.ref, Action::Created, "its namespace does not exist yet"};
  if (!is_success(r)) return failed(p.ref, describe_failure(r));
  if (r.status == 201) return {p.ref, Action::Created, ""};
  json result = json::parse(r.body, nullptr, false);
  if (live.is_null()) return {p.ref, call.dry_run ? Action::Created : Action::Configured, ""};
  bool same = call.dry_run ? strip_noise(live) == strip_noise(result)
                           : !resource_version(live).empty() &&
                                 resource_version(live) == resource_version(result);
  return {p.ref, same ? Action::Unchanged : Action::Configured, ""};
}

}  // namespace ks::apply
