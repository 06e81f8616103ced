#pragma once
// HTTPS requests to one API server through libcurl. Easy handles are pooled and share one
// connection/TLS-session/DNS cache, so concurrent requests reuse keep-alive connections (HTTP/2
// when the server offers it). Credentials are attached per request and never logged.
#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include "kube/target.h"
#include "kube/wait_notice.h"

namespace ks::kube {

struct Request {
  std::string method = "GET";
  std::string path;  // absolute path with query, e.g. /api/v1/namespaces/a/configmaps/b?x=y
  std::string body;
  std::string content_type;  // set when body is non-empty
  std::string accept = "application/json";
};

struct Response {
  long status = 0;  // 0: no HTTP response (connection failed or dropped)
  std::string body;
  std::string content_type;
  std::optional<double> retry_after_seconds;
  std::string transport_error;   // why there was no response
  bool connect_refused = false;  // no connection could be opened (refused, unresolvable host)
  // Set by send_with_retry: an earlier attempt got no answer, so the server may have acted on
  // it (a retried apply that created the object answers 200, not 201).
  bool earlier_attempt_unanswered = false;
};

struct ClientOptions {
  std::chrono::milliseconds request_timeout{60000};
  std::chrono::milliseconds connect_timeout{10000};
  std::string user_agent = "ks";
  // A larger response body is refused (ks::Error): a hostile or broken server cannot make ks
  // buffer without bound.
  std::size_t max_body_bytes = std::size_t{256} << 20;
  // Told when a request has waited over 2 s for its answer (then every 10 s); may be empty.
  WaitFn on_waiting;
};

class HttpClient {
 public:
  HttpClient(const Connection& connection, ClientOptions options = {});
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // One attempt (plus one re-run of an exec credential plugin after a 401). Throws ks::Error
  // for failures no retry can fix: TLS verification, and the server refusing
  // kMaxRefusedConnections connections in a row (then every later send throws at once, so a
  // dead server stops the whole command instead of each object retrying on its own).
  Response send(const Request& request);
  const std::string& server() const;
  // True once the server has refused too many connections in a row.
  bool unreachable() const;
  // Throws the "server unreachable" ks::Error when unreachable().
  void throw_if_unreachable() const;

  static constexpr int kMaxRefusedConnections = 5;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ks::kube
