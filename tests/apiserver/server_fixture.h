#pragma once
// Runs ks-test-apiserver for one test: a private temp dir holds its kubeconfig; the process is
// killed when the object goes away. Tests read the request log and set faults through /_test/.
#include <string>
#include <vector>

#include <sys/types.h>

#include <nlohmann/json.hpp>

#include "base/fs.h"

namespace ks_test {

class TestApiServer {
 public:
  // `extra_args` are passed to ks-test-apiserver (e.g. {"--extra-context", "gke"},
  // {"--crd-establish-delay-ms", "500"}, {"--faults", "rate=0.2,kinds=429"}). Unless they set
  // --context / --token, the context is "ks-test" and a random token is used.
  // Throws ks::Error when the server does not come up within 20 s.
  explicit TestApiServer(std::vector<std::string> extra_args = {});
  ~TestApiServer();
  TestApiServer(const TestApiServer&) = delete;
  TestApiServer& operator=(const TestApiServer&) = delete;

  std::string kubeconfig() const;  // path of the generated kubeconfig
  std::string server() const;      // https://127.0.0.1:PORT
  std::string token() const;       // bearer token of context "<context>-token"
  std::string context() const;     // current context of the kubeconfig
  int port() const { return port_; }

  // Kills the server at once (SIGKILL, as a crashed API server): later connections are refused.
  void crash();

  nlohmann::json requests() const;    // GET /_test/requests (array of entries)
  void reset_log();                   // POST /_test/reset-log
  void set_faults(std::string spec);  // POST /_test/faults; "" clears all faults

 private:
  void stop_gracefully();
  std::string call(const std::string& method, const std::string& path,
                   const std::string& body) const;

  ks::fs::TempDir dir_;
  pid_t pid_ = -1;
  std::string kubeconfig_;
  std::string server_;
  std::string token_;
  std::string context_ = "ks-test";
  int port_ = 0;
};

}  // namespace ks_test
