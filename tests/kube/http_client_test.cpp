// The HTTP client against the bundled test API server.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "ks_test.h"
#include "kube/http_client.h"
#include "kube/target.h"
#include "server_fixture.h"

namespace ks::kube {
namespace {

struct SinkGone : std::runtime_error {
  using std::runtime_error::runtime_error;
};

Request get(const std::string& path) {
  Request r;
  r.path = path;
  return r;
}

// The wait-notice sink is the caller's code (the CLI's status line) and may throw while libcurl
// is inside a transfer. The exception must reach the caller unchanged, without unwinding through
// libcurl, and the easy handle must go back to the pool: the same client keeps working.
TEST(KubeHttpClient, AnExceptionFromACallbackEndsOnlyThatRequest) {
  ks_test::TestApiServer srv;
  int notices = 0;
  ClientOptions options;
  options.on_waiting = [&](const std::string& notice) {
    ++notices;
    throw SinkGone("status line closed while showing: " + notice);
  };
  HttpClient client(resolve_target({srv.kubeconfig(), srv.context(), "", "", false}), options);
  ASSERT_EQ(client.send(get("/api/v1/namespaces")).status, 200);

  // One answer held back long enough for a wait notice (its first comes after 2 s).
  srv.set_faults("rate=1,kinds=delay,delay-ms=4000,max=1,path=^/api/v1/namespaces$");
  try {
    client.send(get("/api/v1/namespaces"));
    ADD_FAILURE() << "the callback's exception was swallowed";
  } catch (const SinkGone& e) {
    EXPECT_NE(std::string(e.what()).find("GET /api/v1/namespaces"), std::string::npos) << e.what();
  }
  EXPECT_EQ(notices, 1);

  srv.set_faults("");
  for (int i = 0; i < 3; ++i) {
    Response r = client.send(get("/api/v1/namespaces"));
    EXPECT_EQ(r.status, 200) << r.transport_error << r.body;
  }
  EXPECT_EQ(notices, 1);
  EXPECT_FALSE(client.unreachable());
}

}  // namespace
}  // namespace ks::kube
