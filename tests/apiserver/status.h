#pragma once
// Kubernetes `Status` error bodies (apimachinery pkg/api/errors) and the exception that carries one
// from deep inside a handler to the HTTP layer.
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

namespace kta {

using nlohmann::json;

class ApiError : public std::runtime_error {
 public:
  explicit ApiError(json status);
  int code() const { return status_.value("code", 500); }
  const json& status() const { return status_; }
  std::vector<std::pair<std::string, std::string>> headers;

 private:
  json status_;
};

json make_status(int code, const std::string& reason, const std::string& message,
                 json details = nullptr);

// `resource` is the plural; `group` may be empty. Messages qualify it as `deployments.apps`.
ApiError not_found(const std::string& group, const std::string& resource, const std::string& name);
ApiError already_exists(const std::string& group, const std::string& resource,
                        const std::string& name);
ApiError rv_conflict(const std::string& group, const std::string& resource,
                     const std::string& name);
ApiError unknown_resource();  // "the server could not find the requested resource"
ApiError method_not_allowed();
ApiError bad_request(const std::string& message);
ApiError unauthorized();
ApiError internal_error(const std::string& message);
ApiError unsupported_media_type(const std::string& content_type);
// 422 for one invalid field: `Kind "name" is invalid: field: detail`.
ApiError invalid(const std::string& group, const std::string& kind, const std::string& name,
                 const std::string& field, const std::string& detail,
                 const std::string& cause_reason = "FieldValueInvalid");

json success_status(const std::string& group, const std::string& resource, const std::string& name,
                    const std::string& uid);

}  // namespace kta
