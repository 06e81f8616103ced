#include "status.h"

namespace kta {

namespace {

std::string qualified(const std::string& group, const std::string& resource) {
  return group.empty() ? resource : resource + "." + group;
}

json details_for(const std::string& group, const std::string& resource, const std::string& name) {
  json d = {{"name", name}, {"kind", resource}};
  if (!group.empty()) d["group"] = group;
  return d;
}

}  // namespace

ApiError::ApiError(json status)
    : std::runtime_error(status.value("message", "")), status_(std::move(status)) {}

json make_status(int code, const std::string& reason, const std::string& message, json details) {
  json s = {{"kind", "Status"},    {"apiVersion", "v1"}, {"metadata", json::object()},
            {"status", "Failure"}, {"message", message}, {"reason", reason},
            {"code", code}};
  if (!details.is_null()) s["details"] = std::move(details);
  return s;
}

ApiError not_found(const std::string& group, const std::string& resource, const std::string& name) {
  return ApiError(make_status(404, "NotFound",
                              qualified(group, resource) + " \"" + name + "\" not found",
                              details_for(group, resource, name)));
}

ApiError already_exists(const std::string& group, const std::string& resource,
                        const std::string& name) {
  return ApiError(make_status(409, "AlreadyExists",
                              qualified(group, resource) + " \"" + name + "\" already exists",
                              details_for(group, resource, name)));
}

ApiError rv_conflict(const std::string& group, const std::string& resource,
                     const std::string& name) {
  return ApiError(make_status(409, "Conflict",
                              "Operation cannot be fulfilled on " + qualified(group, resource) +
                                  " \"" + name +
                                  "\": the object has been modified; please apply your changes "
                                  "to the latest version and try again",
                              details_for(group, resource, name)));
}

ApiError unknown_resource() {
  return ApiError(make_status(404, "NotFound", "the server could not find the requested resource",
                              json::object()));
}

ApiError method_not_allowed() {
  return ApiError(make_status(405, "MethodNotAllowed",
                              "the server does not allow this method on the requested resource",
                              json::object()));
}

ApiError bad_request(const std::string& message) {
  return ApiError(make_status(400, "BadRequest", message));
}

ApiError unauthorized() {
  return ApiError(make_status(401, "Unauthorized", "Unauthorized"));
}

ApiError internal_error(const std::string& message) {
  return ApiError(make_status(500, "InternalError", "Internal error occurred: " + message,
                              {{"causes", {{{"message", message}}}}}));
}

ApiError unsupported_media_type(const std::string&) {
  // kube-apiserver's patch handler answers an unknown patch type with just the HTTP reason.
  return ApiError(
      make_status(415, "UnsupportedMediaType", "415: Unsupported Media Type", json::object()));
}

ApiError invalid(const std::string& group, const std::string& kind, const std::string& name,
                 const std::string& field, const std::string& detail,
                 const std::string& cause_reason) {
  std::string qualified_kind = group.empty() ? kind : kind + "." + group;
  json details = {{"name", name},
                  {"kind", kind},
                  {"causes", {{{"reason", cause_reason}, {"message", detail}, {"field", field}}}}};
  if (!group.empty()) details["group"] = group;
  return ApiError(make_status(
      422, "Invalid", qualified_kind + " \"" + name + "\" is invalid: " + field + ": " + detail,
      details));
}

json success_status(const std::string& group, const std::string& resource, const std::string& name,
                    const std::string& uid) {
  json d = details_for(group, resource, name);
  d["uid"] = uid;
  return {{"kind", "Status"},
          {"apiVersion", "v1"},
          {"metadata", json::object()},
          {"status", "Success"},
          {"details", d}};
}

}  // namespace kta
