#include "http_server.h"

#include <poll.h>
#include <sys/socket.h>

#include <chrono>
#include <thread>

#include <httplib.h>

#include "api_internal.h"
#include "base/error.h"
#include "base/strings.h"
#include "discovery.h"
#include "openapi.h"
#include "status.h"

namespace kta {

namespace {

const char* kJson = "application/json";

std::string raw_query(const httplib::Request& req) {
  auto q = req.target.find('?');
  return q == std::string::npos ? "" : req.target.substr(q + 1);
}

std::map<std::string, std::string> query_map(const httplib::Request& req) {
  std::map<std::string, std::string> out;
  for (const auto& [k, v] : req.params) out.emplace(k, v);
  return out;
}

bool is_discovery_path(const std::string& path) {
  auto parts = ks::str::split(path, '/');
  parts.erase(std::remove(parts.begin(), parts.end(), ""), parts.end());
  if (parts.empty()) return true;
  const std::string& first = parts[0];
  if (first == "version" || first == "healthz" || first == "readyz" || first == "livez" ||
      first == "openapi") {
    return true;
  }
  if (first == "api") return parts.size() <= 2;
  if (first == "apis") return parts.size() <= 3;
  return false;
}

// The object a write names: from the URL, or from the body of a POST.
std::string written_name(const httplib::Request& req) {
  auto path = parse_api_path(req.path);
  if (!path) return "";
  if (!path->name.empty()) return path->name;
  if (req.method != "POST") return "";
  try {
    auto body = json::parse(req.body);
    return body.at("metadata").value("name", "");
  } catch (const std::exception&) {
    return "";
  }
}

// A watch client that closed its connection makes the socket readable (close_notify or EOF);
// it never sends anything else while the response is streaming.
bool client_went_away(int fd) {
  if (fd < 0) return false;
  pollfd p{fd, POLLIN | POLLRDHUP, 0};
  return ::poll(&p, 1, 0) > 0 && (p.revents & (POLLIN | POLLRDHUP | POLLHUP | POLLERR)) != 0;
}

json fault_status(const std::string& kind) {
  if (kind == "429") {
    return make_status(429, "TooManyRequests", "Too many requests, please try again later.",
                       {{"retryAfterSeconds", 1}});
  }
  if (kind == "503") {
    return make_status(503, "ServiceUnavailable",
                       "the server is currently unable to handle the request (injected fault)",
                       {{"retryAfterSeconds", 1}});
  }
  return internal_error("injected fault").status();
}

}  // namespace

struct HttpServer::Answer {
  int status = 200;
  std::string body;
  std::string content_type = kJson;
  std::shared_ptr<WatchStream> watch;
  std::vector<std::string> warnings;
  void set(int code, const json& value) {
    status = code;
    body = value.dump();
    content_type = kJson;
  }
};

HttpServer::HttpServer(ServerConfig config)
    : config_(std::move(config)), api_(config_.api), faults_(config_.faults) {
  const Pki& pki = config_.pki;
  server_ = std::make_unique<httplib::SSLServer>(
      [&pki](SSL_CTX& ctx) { return configure_server_tls(ctx, pki); });
  if (!server_->is_valid()) throw ks::Error("could not set up TLS for the test API server");
  server_->new_task_queue = [] { return new httplib::ThreadPool(64); };
  server_->set_keep_alive_max_count(100000);
  server_->set_tcp_nodelay(true);
  auto handler = [this](const httplib::Request& req, httplib::Response& res) { handle(req, res); };
  server_->Get(".*", handler);
  server_->Post(".*", handler);
  server_->Put(".*", handler);
  server_->Patch(".*", handler);
  server_->Delete(".*", handler);
}

HttpServer::~HttpServer() {
  stop();
}

int HttpServer::bind() {
  if (config_.port == 0) {
    port_ = server_->bind_to_any_port(config_.host);
  } else {
    port_ = server_->bind_to_port(config_.host, config_.port) ? config_.port : -1;
  }
  if (port_ <= 0) {
    throw ks::Error("cannot listen on " + config_.host + ":" + std::to_string(config_.port) +
                    "; pick another --listen address");
  }
  return port_;
}

void HttpServer::serve() {
  server_->listen_after_bind();
}

void HttpServer::stop() {
  api_.stop();
  if (server_) server_->stop();
}

void HttpServer::handle(const httplib::Request& req, httplib::Response& res) {
  res.set_header("Cache-Control", "no-cache, private");
  res.set_header("Audit-Id", new_uid());
  json entry = {{"method", req.method},
                {"path", req.path},
                {"query", raw_query(req)},
                {"content_type", req.get_header_value("Content-Type")},
                {"accept", req.get_header_value("Accept")},
                {"user_agent", req.get_header_value("User-Agent")},
                {"field_manager", req.get_param_value("fieldManager")},
                {"user", ""},
                {"fault", ""},
                {"status", 0}};
  if (req.method != "GET") entry["body"] = req.body;

  std::string user = verified_peer(req.ssl).user;
  std::string auth = req.get_header_value("Authorization");
  if (user.empty() && !config_.token.empty() && auth == "Bearer " + config_.token) {
    user = config_.token_user;
  }
  entry["user"] = user;
  bool control = ks::str::starts_with(req.path, "/_test/");
  if (user.empty()) {
    res.status = 401;
    res.set_content(unauthorized().status().dump(), kJson);
    entry["status"] = 401;
    if (!control) log_.add(std::move(entry));
    return;
  }
  if (control && handle_test_endpoint(req, res)) return;

  FaultDecision fault =
      faults_.decide(req.method, req.path, is_discovery_path(req.path), written_name(req));
  entry["fault"] = fault.kind;
  if (fault.kind == "drop") {
    log_.add(std::move(entry));
    if (req.ssl) ::shutdown(SSL_get_fd(req.ssl), SHUT_RDWR);
    res.set_header("Connection", "close");
    return;
  }
  if (fault.kind == "delay") std::this_thread::sleep_for(std::chrono::milliseconds(fault.delay_ms));

  Answer answer;
  if (fault.kind == "429" || fault.kind == "500" || fault.kind == "503") {
    json status = fault_status(fault.kind);
    answer.set(status["code"], status);
    if (fault.kind != "500") res.set_header("Retry-After", "1");
  } else if (outside_every_group(req.path)) {
    answer.status = 404;
    answer.body = "404 page not found\n";
    answer.content_type = "text/plain; charset=utf-8";
  } else if (!serve_discovery(req, answer)) {
    serve_api(req, answer);
  }
  if (fault.kind == "drop-after") {  // the request took effect; its answer is lost
    entry["status"] = 0;
    log_.add(std::move(entry));
    if (req.ssl) ::shutdown(SSL_get_fd(req.ssl), SHUT_RDWR);
    res.set_header("Connection", "close");
    return;
  }
  res.status = answer.status;
  for (const std::string& w : answer.warnings) {
    std::string quoted = ks::str::replace_all(w, "\\", "\\\\");
    res.set_header("Warning", "299 - \"" + ks::str::replace_all(quoted, "\"", "\\\"") + "\"");
  }
  entry["status"] = answer.status;
  log_.add(std::move(entry));
  if (answer.watch) {
    auto stream = answer.watch;
    int fd = req.ssl ? SSL_get_fd(req.ssl) : -1;
    res.set_chunked_content_provider(
        "application/json;stream=watch", [stream, fd](size_t, httplib::DataSink& sink) {
          if (client_went_away(fd)) return false;  // frees the worker thread of an idle watch
          auto chunk = stream->next(std::chrono::milliseconds(500));
          if (!chunk) {
            sink.done();
            return true;
          }
          if (!chunk->empty() && !sink.write(chunk->data(), chunk->size())) return false;
          return true;
        });
    return;
  }
  res.set_content(answer.body, answer.content_type);
}

bool HttpServer::handle_test_endpoint(const httplib::Request& req, httplib::Response& res) {
  if (req.method == "GET" && req.path == "/_test/requests") {
    res.set_content(log_.all().dump(), kJson);
    return true;
  }
  if (req.method == "POST" && req.path == "/_test/reset-log") {
    log_.reset();
    res.set_content("{}", kJson);
    return true;
  }
  if (req.path == "/_test/faults") {
    if (req.method == "POST") {
      try {
        faults_.set(parse_fault_spec(req.body));
      } catch (const ks::Error& e) {
        res.status = 400;
        res.set_content(bad_request(e.what()).status().dump(), kJson);
        return true;
      }
    }
    res.set_content(json({{"faults", faults_.text()}}).dump(), kJson);
    return true;
  }
  res.status = 404;
  res.set_content(unknown_resource().status().dump(), kJson);
  return true;
}

// kube-apiserver routes /apis/GROUP/... to the group's handler, which answers a Status 404 for
// what it does not serve; a group nobody serves (extensions, a CRD's group before it is
// established) reaches Go's mux: a plain-text 404.
bool HttpServer::outside_every_group(const std::string& path) {
  auto parts = ks::str::split(path, '/');
  parts.erase(std::remove(parts.begin(), parts.end(), ""), parts.end());
  if (parts.empty()) return false;
  if (parts[0] == "apis" && parts.size() >= 2) {
    for (const auto& [group, versions] : api_.table().groups())
      if (group == parts[1]) return false;
    return true;
  }
  return false;
}

bool HttpServer::serve_discovery(const httplib::Request& req, Answer& answer) {
  const std::string& path = req.path;
  if (path == "/healthz" || path == "/readyz" || path == "/livez" ||
      ks::str::starts_with(path, "/healthz/") || ks::str::starts_with(path, "/readyz/") ||
      ks::str::starts_with(path, "/livez/")) {
    answer.body = "ok";
    answer.content_type = "text/plain; charset=utf-8";
    return true;
  }
  if (path == "/version" || path == "/version/") {
    answer.set(200, version_info());
    return true;
  }
  auto parts = ks::str::split(path, '/');
  parts.erase(std::remove(parts.begin(), parts.end(), ""), parts.end());
  if (parts.empty()) return false;
  if (parts[0] == "openapi") {
    ResourceTable table = api_.table();
    if (parts.size() == 2 && parts[1] == "v2") {
      answer.set(200, openapi_v2(table));
    } else if (parts.size() == 2 && parts[1] == "v3") {
      answer.set(200, openapi_v3_root(table));
    } else if (parts.size() > 2 && parts[1] == "v3") {
      std::string gv = ks::str::join(std::vector<std::string>(parts.begin() + 2, parts.end()), "/");
      auto doc = openapi_v3_group_version(table, gv);
      if (doc) {
        answer.set(200, *doc);
      } else {
        answer.set(404, unknown_resource().status());
      }
    } else {
      answer.set(404, unknown_resource().status());
    }
    return true;
  }
  bool core = parts[0] == "api";
  if ((core && parts.size() > 2) || (!core && parts[0] != "apis") || parts.size() > 3) return false;
  if (req.method != "GET") {
    answer.set(405, method_not_allowed().status());
    return true;
  }
  ResourceTable table = api_.table();
  if (parts.size() == 1) {
    std::string aggregated = aggregated_version_requested(req.get_header_value("Accept"));
    if (!aggregated.empty()) {
      answer.set(200, aggregated_discovery(table, core, aggregated));
      answer.content_type =
          "application/json;g=apidiscovery.k8s.io;v=" + aggregated + ";as=APIGroupDiscoveryList";
    } else if (core) {
      answer.set(200, legacy_api_versions(config_.host + ":" + std::to_string(port_)));
    } else {
      answer.set(200, legacy_group_list(table));
    }
    return true;
  }
  if (!core && parts.size() == 2) {
    for (const auto& g : legacy_group_list(table)["groups"]) {
      if (g["name"] == parts[1]) {
        json group = g;
        group["kind"] = "APIGroup";
        group["apiVersion"] = "v1";
        answer.set(200, group);
        return true;
      }
    }
    answer.set(404, unknown_resource().status());
    return true;
  }
  auto list = core ? legacy_resource_list(table, "", parts[1])
                   : legacy_resource_list(table, parts[1], parts[2]);
  if (list) {
    answer.set(200, *list);
  } else {
    answer.set(404, unknown_resource().status());
  }
  return true;
}

void HttpServer::serve_api(const httplib::Request& req, Answer& answer) {
  Call call{req.method,
            req.path,
            query_map(req),
            req.body,
            req.get_header_value("Content-Type"),
            req.get_header_value("User-Agent")};
  try {
    Reply reply = api_.handle(call);
    answer.status = reply.status;
    answer.warnings = reply.warnings;
    if (reply.watch) {
      answer.watch = reply.watch;
    } else {
      answer.set(reply.status, reply.body);
    }
  } catch (const ApiError& e) {
    answer.set(e.code(), e.status());
  } catch (const json::exception& e) {
    // A field of the wrong type in the request body (e.g. a YAML `name: y` read as a boolean).
    answer.set(400,
               bad_request(std::string("error decoding the request body: ") + e.what()).status());
  } catch (const std::exception& e) {
    answer.set(500, internal_error(e.what()).status());
  }
}

}  // namespace kta
