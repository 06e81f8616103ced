#pragma once
// One deploy test suite, two backends: a test written against DeployCluster runs against the
// bundled test API server (tests/apiserver/) and against the real control plane that
// `scripts/cluster up DIR` started (KS_TEST_CLUSTER=DIR), with the same assertions.
//
// On the real backend every test gets a namespace of its own (created at construction, deleted at
// the end) and a private kubeconfig whose contexts carry that namespace, so tests can share one
// running cluster. On the bundled backend the namespace is "default" and a fresh server runs per
// test. Assertions that read the bundled server's request log check `bundled()` first.
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "base/fs.h"
#include "ks_test.h"

namespace ks_test {

class TestApiServer;
class FaultProxy;

enum class Backend { Bundled, Real };

// For INSTANTIATE_TEST_SUITE_P(..., kBothBackends, backend_name).
inline const auto kBothBackends = ::testing::Values(Backend::Bundled, Backend::Real);
std::string backend_name(const ::testing::TestParamInfo<Backend>& info);
inline void PrintTo(Backend b, std::ostream* os) {
  *os << (b == Backend::Real ? "Real" : "Bundled");
}

// Why the real backend cannot run ("" when it can): KS_TEST_CLUSTER unset or not a running
// `scripts/cluster` dir.
std::string real_cluster_missing();

// The Go-built kubectl of the pinned Kubernetes version (tests/cluster/): KS_TEST_KUBECTL, else
// KS_TEST_CLUSTER/kubectl, else build/cluster/kubectl in the source tree; "" when none exists.
std::string kubectl_path();

// Outside CI a test skips when its input is missing; with CI=true it fails instead.
bool in_ci();

// Skips (or, in CI, fails) the current test when `backend` cannot run here.
#define KS_REQUIRE_BACKEND(backend)                                            \
  do {                                                                         \
    if ((backend) == ::ks_test::Backend::Real) {                               \
      if (std::string why = ::ks_test::real_cluster_missing(); !why.empty()) { \
        if (::ks_test::in_ci()) FAIL() << why;                                 \
        GTEST_SKIP() << why;                                                   \
      }                                                                        \
    }                                                                          \
  } while (0)

// Skips (or, in CI, fails) the current test when the Go-built kubectl is missing.
#define KS_REQUIRE_KUBECTL()                                                                       \
  do {                                                                                             \
    if (::ks_test::kubectl_path().empty()) {                                                       \
      std::string why = "no Go-built kubectl: run scripts/cluster build (or set KS_TEST_KUBECTL)"; \
      if (::ks_test::in_ci()) FAIL() << why;                                                       \
      GTEST_SKIP() << why;                                                                         \
    }                                                                                              \
  } while (0)

struct ClusterOptions {
  std::string context = "ks-test";          // name of the client-certificate context
  std::vector<std::string> extra_contexts;  // more contexts on the same cluster and user
  std::vector<std::string> bundled_args;    // extra ks-test-apiserver flags (bundled only)
  // Real backend only: when set, kubeconfig() and server() lead through
  // tests/cluster/faultproxy started with these flags (fault_proxy.h); kubectl() and the
  // clean-up still talk to the apiserver directly.
  std::vector<std::string> proxy_args;
};

// Options that only pass flags to ks-test-apiserver, e.g. bundled_args({"--faults", "..."}).
inline ClusterOptions bundled_args(std::vector<std::string> args) {
  ClusterOptions o;
  o.bundled_args = std::move(args);
  return o;
}

class DeployCluster {
 public:
  // Throws ks::Error when the backend cannot be started or reached.
  explicit DeployCluster(Backend backend, ClusterOptions options = {});
  ~DeployCluster();
  DeployCluster(const DeployCluster&) = delete;
  DeployCluster& operator=(const DeployCluster&) = delete;

  Backend backend() const { return backend_; }
  std::string kubeconfig() const { return kubeconfig_; }
  std::string server() const { return server_; }
  std::string token() const { return token_; }          // bearer token of "<context>-token"
  std::string context() const { return context_; }      // current context of kubeconfig()
  const std::string& ns() const { return namespace_; }  // the namespace this test deploys to

  // The bundled server, for request-log and fault assertions; nullptr on the real backend.
  TestApiServer* bundled() const { return bundled_.get(); }
  // The bundled server's request log; throws ks::Error on the real backend.
  nlohmann::json requests() const;
  void reset_log();

  // The fault proxy's request log (see ClusterOptions::proxy_args); throws ks::Error without one.
  nlohmann::json proxy_log() const;

  // Runs the Go-built kubectl against kubeconfig() (the apiserver itself when a fault proxy is
  // in between); throws ks::Error when there is none.
  Run kubectl(const std::vector<std::string>& args) const;

  // A cluster-scoped object (e.g. "customresourcedefinition/widgets.example.com") the test
  // creates: removed at the end on the real backend (and now, if a failed run left it behind).
  void delete_after(const std::string& kind_slash_name);

  // A further namespace the test creates itself: `name` on the bundled server, "<ns()>-<name>"
  // (deleted at the end) on the real one.
  std::string own_namespace(const std::string& name);

 private:
  void start_real(const ClusterOptions& options);

  Backend backend_;
  std::unique_ptr<TestApiServer> bundled_;
  std::unique_ptr<FaultProxy> proxy_;
  std::string direct_server_;             // the apiserver, when proxy_ stands in front of it
  std::unique_ptr<ks::fs::TempDir> dir_;  // private kubeconfig (real backend)
  std::string kubeconfig_;
  std::string server_;
  std::string token_;
  std::string context_;
  std::string namespace_ = "default";
  std::vector<std::string> cluster_scoped_;
};

}  // namespace ks_test
