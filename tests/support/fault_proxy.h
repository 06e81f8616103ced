#pragma once
// tests/cluster/faultproxy (built by `scripts/cluster build`) in front of the real control plane:
// the faults of issue 17 (a server that goes away, lost PATCH answers) injected between ks and the
// real kube-apiserver, as the bundled test server's --faults do for its own answers.
#include <sys/types.h>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/fs.h"

namespace ks_test {

// KS_TEST_FAULTPROXY, else KS_CLUSTER_BIN/faultproxy, else build/cluster/faultproxy in the source
// tree; "" when none exists.
std::string fault_proxy_path();

class FaultProxy {
 public:
  // Starts the proxy toward `upstream` with the cluster's pki dir and the proxy's flags (see
  // tests/cluster/faultproxy/main.go); returns once it accepts connections. Throws ks::Error.
  FaultProxy(const std::string& upstream, const std::string& pki_dir,
             const std::vector<std::string>& flags);
  ~FaultProxy();
  FaultProxy(const FaultProxy&) = delete;
  FaultProxy& operator=(const FaultProxy&) = delete;

  std::string server() const { return server_; }  // https://127.0.0.1:PORT
  // One entry per request: method, path, query, status (0: no answer), fault.
  nlohmann::json log() const;

 private:
  ks::fs::TempDir dir_;
  pid_t pid_ = -1;
  std::string server_;
};

}  // namespace ks_test
