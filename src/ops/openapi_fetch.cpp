#include "ops/openapi_fetch.h"

#include <algorithm>

#include "apply/http_client.h"
#include "apply/retry.h"
#include "apply/session.h"
#include "base/error.h"

namespace ks::ops {

nlohmann::json fetch_openapi_v2(const apply::Target& target, std::chrono::milliseconds timeout,
                                int attempts) {
  apply::Connection connection = apply::resolve_target(target);
  apply::ClientOptions options;
  options.request_timeout = timeout;
  options.connect_timeout = std::min(timeout, std::chrono::milliseconds(3000));
  apply::HttpClient client(connection, options);
  apply::Request request;
  request.path = "/openapi/v2";
  apply::RetryPolicy policy;
  policy.max_attempts = attempts;
  apply::Response r = apply::send_with_retry(client, request, policy);
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
  apply::Response v = apply::send_with_retry(client, request, policy);
  if (v.status == 200 && doc.is_object() && doc.contains("info") && doc["info"].is_object()) {
    auto version = nlohmann::json::parse(v.body, nullptr, false);
    if (version.is_object() && version.value("gitVersion", "").rfind("v", 0) == 0) {
      doc["info"]["version"] = version["gitVersion"];
    }
  }
  return doc;
}

}  // namespace ks::ops
