// The deploy commands end to end: the real ks binary against the bundled test API server.
#include <gtest/gtest.h>

#include "base/strings.h"
#include "ks_test.h"
#include "server_fixture.h"

namespace {

using ks_test::Sandbox;
using ks_test::TestApiServer;

const char* kComponent = R"(apiVersion: v1
kind: ConfigMap
metadata:
  name: web
data:
  a: "1"
)";

struct App {
  TestApiServer srv;
  Sandbox sb;
  std::map<std::string, std::string> env{{"KUBECONFIG", srv.kubeconfig()}};
  std::filesystem::path dir = sb.root() / "shop";

  App() {
    ks_test::Run init = sb.ks({"init", "shop"}, sb.root(), env);
    EXPECT_EQ(init.code, 0) << init.err;
    ks_test::write(dir / "components" / "web.yaml", kComponent);
  }
  ks_test::Run ks(std::vector<std::string> args) const { return sb.ks(args, dir, env); }
};

TEST(ApplyCli, ApplyReportsEachObjectAndASummary) {
  App app;
  ks_test::Run first = app.ks({"apply", "default"});
  EXPECT_EQ(first.code, 0) << first.err;
  EXPECT_EQ(first.out,
            "created configmap default/web\napplied 1 object: 1 created, 0 configured, 0 "
            "unchanged, 0 failed\n");
  ks_test::Run again = app.ks({"apply", "default"});
  EXPECT_EQ(again.code, 0) << again.err;
  EXPECT_EQ(again.out,
            "unchanged configmap default/web\napplied 1 object: 0 created, 0 configured, 1 "
            "unchanged, 0 failed\n");
}

TEST(ApplyCli, DiffExitCodes) {
  App app;
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

// As `kubectl diff`: Secret values never appear, changed keys are marked (before)/(after).
TEST(ApplyCli, DiffMasksSecretValues) {
  App app;
  const std::string secret = R"(apiVersion: v1
kind: Secret
metadata:
  name: creds
data:
  same: c2FtZXZhbHVl
  changed: b2xkcGFzc3dvcmQ=
  removed: cmVtb3ZlZHZhbHVl
)";
  ks_test::write(app.dir / "components" / "creds.yaml", secret);
  ASSERT_EQ(app.ks({"apply", "default"}).code, 0);
  std::string updated = ks::str::replace_all(secret, "b2xkcGFzc3dvcmQ=", "bmV3cGFzc3dvcmQ=");
  updated = ks::str::replace_all(updated, "  removed: cmVtb3ZlZHZhbHVl\n",
                                 "  added: YWRkZWR2YWx1ZQ==\nstringData:\n  plain: plainvalue\n");
  ks_test::write(app.dir / "components" / "creds.yaml", updated);
  ks_test::Run d = app.ks({"diff", "default"});
  EXPECT_EQ(d.code, 1) << d.err;
  for (const char* value : {"c2FtZXZhbHVl", "b2xkcGFzc3dvcmQ=", "bmV3cGFzc3dvcmQ=",
                            "cmVtb3ZlZHZhbHVl", "YWRkZWR2YWx1ZQ==", "plainvalue"})
    EXPECT_EQ(d.out.find(value), std::string::npos) << value << " in\n" << d.out;
  EXPECT_NE(d.out.find("\n-  changed: \"*** (before)\"\n"), std::string::npos) << d.out;
  EXPECT_NE(d.out.find("\n+  changed: \"*** (after)\"\n"), std::string::npos) << d.out;
  EXPECT_NE(d.out.find("same: \"***\""), std::string::npos) << d.out;
  EXPECT_NE(d.out.find("\n-    ks.io/applied-digest: \"*** (before)\"\n"), std::string::npos)
      << d.out;
  // Offline, env against env: the same masking.
  ASSERT_EQ(app.ks({"env", "add", "other", "--namespace", "other"}).code, 0);
  ks_test::Run envs = app.ks({"diff", "default", "other"});
  for (const char* value : {"c2FtZXZhbHVl", "bmV3cGFzc3dvcmQ=", "YWRkZWR2YWx1ZQ==", "plainvalue"})
    EXPECT_EQ(envs.out.find(value), std::string::npos) << value << " in\n" << envs.out;
  EXPECT_NE(envs.out.find("***"), std::string::npos) << envs.out << envs.err;
}

TEST(ApplyCli, RefusesAnEnvBoundToAnotherServer) {
  App app;
  ks_test::Run add =
      app.ks({"env", "add", "prod", "--server", "https://10.9.9.9:6443", "--namespace", "prod"});
  ASSERT_EQ(add.code, 0) << add.err;
  ks_test::Run r = app.ks({"apply", "prod"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("https://10.9.9.9:6443"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(app.srv.server()), std::string::npos) << r.err;
  for (const auto& e : app.srv.requests()) EXPECT_NE(e.value("method", ""), "PATCH");
}

TEST(ApplyCli, DeleteTwiceSucceeds) {
  App app;
  ASSERT_EQ(app.ks({"apply", "default"}).code, 0);
  ks_test::Run first = app.ks({"delete", "default"});
  EXPECT_EQ(first.code, 0) << first.err;
  EXPECT_EQ(first.out,
            "deleted configmap default/web\ndeleted 1 object: 1 deleted, 0 not found, 0 failed\n");
  ks_test::Run second = app.ks({"delete", "default"});
  EXPECT_EQ(second.code, 0) << second.err;
  EXPECT_EQ(
      second.out,
      "not found configmap default/web\ndeleted 1 object: 0 deleted, 1 not found, 0 failed\n");
}

}  // namespace
