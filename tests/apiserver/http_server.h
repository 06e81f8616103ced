#pragma once
// HTTPS front end: authentication, fault injection, request log, discovery/openapi documents,
// /_test/ control endpoints, and everything else handed to the Api.
#include <memory>
#include <string>

#include "api.h"
#include "certs.h"
#include "faults.h"
#include "request_log.h"

namespace httplib {
class SSLServer;
struct Request;
struct Response;
}  // namespace httplib

namespace kta {

struct ServerConfig {
  std::string host = "127.0.0.1";
  int port = 0;  // 0: any free port
  Pki pki;
  std::string token;
  std::string token_user = "ks-test-token-user";
  FaultSpec faults;
  ApiOptions api;
};

class HttpServer {
 public:
  explicit HttpServer(ServerConfig config);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  int bind();    // listens on the configured address; returns the port. Throws ks::Error.
  void serve();  // accepts connections until stop()
  void stop();

 private:
  struct Answer;
  void handle(const httplib::Request& req, httplib::Response& res);
  bool handle_test_endpoint(const httplib::Request& req, httplib::Response& res);
  bool outside_every_group(const std::string& path);
  bool serve_discovery(const httplib::Request& req, Answer& answer);
  void serve_api(const httplib::Request& req, Answer& answer);

  ServerConfig config_;
  int port_ = 0;
  Api api_;
  Faults faults_;
  RequestLog log_;
  std::unique_ptr<httplib::SSLServer> server_;
};

}  // namespace kta
