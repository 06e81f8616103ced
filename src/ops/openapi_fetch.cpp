#include "ops/openapi_fetch.h"

#include <algorithm>

#include "base/error.h"
#include "kube/http_client.h"
#include "kube/retry.h"
#include "kube/session.h"

namespace ks::ops {

nlohmann::json fetch_openapi_v2(const kube::Target& target, std::chrono::milliseconds timeout,
                                int attempts) {
  kube::Connection connection = kube::resolve_target(target);
  kube::ClientOptions options;
  options.request_timeout = timeout;
  options.connect_timeout = std::min(timeout, std::chrono::milliseconds(3000));
  kube::HttpClient client(connection, options);
  kube::Request request;
  request.path = "/openapi/v2";
  kube::RetryPolicy policy;
  policy.max_attempts = attempts;
  kube::Response r = kube::send_with_retry(client, request, policy);
  std::string where = "GET " + client.server() + "/openapi/v2";
  if (r.status == 0) throw Error(where + ": " + r.transport_error);
  if (r.status != 200) throw Error(where + ": HTTP " + std::to_string(r.status));
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(r.body);
  } catch (const nlohmann::json::exception& e) {
    throw Error(where + ": the response is not JSON (" + std::string(e.what()) + ")");
  }
  // A real API server's spec says only "1.37" in info.version; the release (v1.37.2), which
  // ksonnet named the library after, is /version's gitVersion. Without it the spec's word stands.
  request.path = "/version";
  kube::Response v = kube::send_with_retry(client, request, policy);
  if (v.status == 200 && doc.is_object() && doc.contains("info") && doc["info"].is_object()) {
    auto version = nlohmann::json::parse(v.body, nullptr, false);
    if (version.is_object() && version.value("gitVersion", "").rfind("v", 0) == 0) {
      doc["info"]["version"] = version["gitVersion"];
    }
  }
  return doc;
}

}  // namespace ks::ops
