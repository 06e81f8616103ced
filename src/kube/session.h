#pragma once
// One connection to the target cluster for one command: resolved target, HTTP client, retry
// policy and discovery.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "kube/discovery.h"
#include "kube/http_client.h"
#include "kube/retry.h"
#include "kube/target.h"
#include "kube/wait_notice.h"

namespace ks::kube {

struct SessionOptions {
  RetryPolicy retry;
  ClientOptions client;
  std::optional<std::string> discovery_cache_dir;  // nullopt: the default; "": no disk cache
  WaitFn on_waiting;  // notices of waits over 2 s (see wait_notice.h); may be empty
};

class Session {
 public:
  Session(const Target& target, const SessionOptions& options);

  const Connection& connection() const { return connection_; }
  const std::string& default_namespace() const { return connection_.default_namespace; }
  const RetryPolicy& retry() const { return options_.retry; }
  HttpClient& http() { return *client_; }
  Discovery& discovery() { return *discovery_; }

  Response send(const Request& request);  // with the retry policy
  // Where notices of long waits go (may be empty).
  const WaitFn& waiting() const { return options_.on_waiting; }
  // GET of one object: the object, or null on 404; throws ks::Error on other failures.
  nlohmann::json get_object(const std::string& path);
  // Every item of the collection at `path` carrying `selector`, following `continue` tokens; an
  // unserved collection (404) is empty; throws ks::Error on other failures.
  std::vector<nlohmann::json> list_objects(const std::string& path, const std::string& selector);

 private:
  Connection connection_;
  SessionOptions options_;
  std::unique_ptr<HttpClient> client_;
  std::unique_ptr<Discovery> discovery_;
};

// Passes the connection's warnings to `sink`, or prints `warning: ...` on stderr without one.
void emit_warnings(const Connection& connection,
                   const std::function<void(const std::string&)>& sink);

}  // namespace ks::kube
