// The deploy commands end to end: the real ks binary against both backends (deploy_cluster.h).
#include <gtest/gtest.h>

#include "base/strings.h"
#include "deploy_cluster.h"
#include "ks_test.h"
#include "server_fixture.h"

namespace {

using ks_test::Backend;
using ks_test::DeployCluster;
using ks_test::Sandbox;

const char* kComponent = R"(apiVersion: v1
kind: ConfigMap
metadata:
  name: web
data:
  a: "1"
)";

// An app "shop" whose env "default" deploys to the test's namespace (the kube context's).
struct App {
  DeployCluster srv;
  Sandbox sb;
  std::map<std::string, std::string> env{{"KUBECONFIG", srv.kubeconfig()}};
  std::filesystem::path dir = sb.root() / "shop";

  explicit App(Backend backend) : srv(backend) {
    ks_test::Run init = sb.ks({"init", "shop"}, sb.root(), env);
    EXPECT_EQ(init.code, 0) << init.err;
    ks_test::write(dir / "components" / "web.yaml", kComponent);
  }
  ks_test::Run ks(std::vector<std::string> args) const { return sb.ks(args, dir, env); }
};

class ApplyCli : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override { KS_REQUIRE_BACKEND(GetParam()); }
};
INSTANTIATE_TEST_SUITE_P(Backends, ApplyCli, ks_test::kBothBackends, ks_test::backend_name);

TEST_P(ApplyCli, ApplyReportsEachObjectAndASummary) {
  App app(GetParam());
  const std::string web = app.srv.ns() + "/web";
  ks_test::Run first = app.ks({"apply", "default"});
  EXPECT_EQ(first.code, 0) << first.err;
  EXPECT_EQ(first.out, "created configmap " + web +
                           "\napplied 1 object: 1 created, 0 configured, 0 unchanged, 0 failed\n");
  ks_test::Run again = app.ks({"apply", "default"});
  EXPECT_EQ(again.code, 0) << again.err;
  EXPECT_EQ(again.out, "unchanged configmap " + web +
                           "\napplied 1 object: 0 created, 0 configured, 1 unchanged, 0 failed\n");
}

TEST_P(ApplyCli, DiffExitCodes) {
  App app(GetParam());
  ASSERT_EQ(app.ks({"apply", "default"}).code, 0);
  ks_test::Run same = app.ks({"diff", "default"});
  EXPECT_EQ(same.code, 0) << same.err;
  EXPECT_EQ(same.out, "");
  ks_test::write(app.dir / "components" / "web.yaml",
                 ks::str::replace_all(kComponent, "\"1\"", "\"2\""));
  ks_test::Run changed = app.ks({"diff", "default"});
  EXPECT_EQ(changed.code, 1) << changed.err;
  EXPECT_NE(changed.out.find("-  a: \"1\"\n+  a: \"2\"\n"), std::string::npos) << changed.out;
  ks_test::Run bad = app.ks({"diff", "nosuchenv"});
  EXPECT_EQ(bad.code, 2);
}

TEST_P(ApplyCli, RefusesAnEnvBoundToAnotherServer) {
  App app(GetParam());
  ks_test::Run add =
      app.ks({"env", "add", "prod", "--server", "https://10.9.9.9:6443", "--namespace", "prod"});
  ASSERT_EQ(add.code, 0) << add.err;
  ks_test::Run r = app.ks({"apply", "prod"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("https://10.9.9.9:6443"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(app.srv.server()), std::string::npos) << r.err;
  if (app.srv.bundled()) {
    for (const auto& e : app.srv.requests()) EXPECT_NE(e.value("method", ""), "PATCH");
  }
}

TEST_P(ApplyCli, DeleteTwiceSucceeds) {
  App app(GetParam());
  const std::string web = app.srv.ns() + "/web";
  ASSERT_EQ(app.ks({"apply", "default"}).code, 0);
  ks_test::Run first = app.ks({"delete", "default"});
  EXPECT_EQ(first.code, 0) << first.err;
  EXPECT_EQ(first.out,
            "deleted configmap " + web + "\ndeleted 1 object: 1 deleted, 0 not found, 0 failed\n");
  ks_test::Run second = app.ks({"delete", "default"});
  EXPECT_EQ(second.code, 0) << second.err;
  EXPECT_EQ(second.out, "not found configmap " + web +
                            "\ndeleted 1 object: 0 deleted, 1 not found, 0 failed\n");
}

}  // namespace
