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

// As `kubectl diff`: Secret values never appear, changed keys are marked (before)/(after).
TEST_P(ApplyCli, DiffMasksSecretValues) {
  App app(GetParam());
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

// `ks param set --global` (module globals) and `--env` globals reach jsonnet components only:
// merged into an imported YAML object they became unknown root fields, which a real API server's
// server-side apply refuses ("field not declared in schema").
TEST_P(ApplyCli, GlobalsNeverReachImportedYamlComponents) {
  App app(GetParam());
  ASSERT_EQ(app.ks({"param", "set", "--global", "team", "ml"}).code, 0);
  ASSERT_EQ(app.ks({"param", "set", "--env", "default", "tier", "db"}).code, 0);
  ks_test::Run show = app.ks({"show", "default", "-o", "json"});
  ASSERT_EQ(show.code, 0) << show.err;
  EXPECT_EQ(show.out.find("\"team\""), std::string::npos) << show.out;
  EXPECT_EQ(show.out.find("\"tier\""), std::string::npos) << show.out;
  ks_test::Run apply = app.ks({"apply", "default"});
  EXPECT_EQ(apply.code, 0) << apply.out << apply.err;
  if (app.srv.bundled()) return;  // the bundled server does not validate ConfigMap roots
  ks_test::Run live =
      app.srv.kubectl({"get", "configmap", "web", "-n", app.srv.ns(), "-o", "json"});
  ASSERT_EQ(live.code, 0) << live.err;
  EXPECT_EQ(live.out.find("\"team\""), std::string::npos) << live.out;
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

TEST(ApplyCliBundled, ObjectsNamedDotOrDotDotNeverReachTheServer) {
  App app(Backend::Bundled);
  ASSERT_EQ(app.ks({"apply", "default"}).code, 0);
  // A ConfigMap `.` was sent as DELETE .../configmaps/ (every ConfigMap), `..` as a DELETE of
  // the namespace, a ClusterRole `.` as a DELETE of all ClusterRoles.
  ks_test::write(app.dir / "components" / "evil.jsonnet",
                 "[{apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: '.'}},\n"
                 " {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: '..'}},\n"
                 " {apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole',\n"
                 "  metadata: {name: '.'}}]\n");
  app.srv.reset_log();
  for (const char* verb : {"delete", "apply", "diff"}) {
    ks_test::Run r = app.ks({verb, "default"});
    EXPECT_NE(r.code, 0) << verb;
    EXPECT_NE(r.err.find("3 objects have a name the API server would misread or reject"),
              std::string::npos)
        << r.err;
    for (const char* line :
         {"\n  component evil: configmap default/\".\": metadata.name \".\" may not be '.'",
          "\n  component evil: configmap default/\"..\": metadata.name \"..\" may not be '..'",
          "\n  component evil: clusterrole \".\": metadata.name \".\" may not be '.'"})
      EXPECT_NE(r.err.find(line), std::string::npos) << verb << ": " << r.err;
  }
  for (const auto& e : app.srv.requests()) {
    std::string method = e.value("method", ""), path = e.value("path", "");
    EXPECT_TRUE(method == "GET" || e.value("query", "").find("dryRun=All") != std::string::npos)
        << method << " " << path;
    EXPECT_EQ(path.find("/configmaps/."), std::string::npos) << path;
    EXPECT_EQ(path.find("clusterroles"), std::string::npos) << path;
  }
  // web is still there: only the invalid component has to be fixed.
  ks_test::Run diff = app.ks({"diff", "default", "-c", "web"});
  EXPECT_EQ(diff.code, 0) << diff.out << diff.err;
}

TEST(ApplyCliBundled, WaitTimeoutIsOneConsistentStory) {
  App app(Backend::Bundled);
  ks_test::write(app.dir / "components" / "slow.yaml",
                 "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: slow\nspec:\n"
                 "  selector: {matchLabels: {app: slow}}\n  template:\n    metadata: {labels: "
                 "{app: slow}}\n    spec: {containers: [{name: c, image: x}]}\n");
  ks_test::Run r = app.ks({"apply", "default", "--wait", "--timeout", "1s"});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.out,
            "created deployment default/slow\n"
            "created configmap default/web\n"
            "not ready deployment default/slow: --timeout 1s expired: waiting for the controller "
            "to observe generation 1\n"
            "applied 2 objects: 2 created, 0 configured, 0 unchanged, 0 failed; 0 ready, 1 not "
            "ready\n");
  EXPECT_NE(r.err.find("error: 1 object not ready: deployment default/slow (see the lines above)"),
            std::string::npos)
      << r.err;
}

TEST_P(ApplyCli, NamespaceChangeSaysWhatHappensToDeployedObjects) {
  App app(GetParam());
  const std::string old_ns = app.srv.ns();
  const std::string new_ns = app.srv.own_namespace("prn2");
  ASSERT_EQ(app.ks({"apply", "default"}).code, 0);
  ks_test::Run set = app.ks({"env", "set", "default", "--namespace", new_ns});
  ASSERT_EQ(set.code, 0) << set.err;
  EXPECT_NE(
      set.err.find("note: objects env 'default' already deployed stay in namespace '" + old_ns +
                   "'; `ks apply default` warns about them and `ks apply default "
                   "--prune --yes` deletes them there once applied to '" +
                   new_ns + "'"),
      std::string::npos)
      << set.err;
  ks_test::Run moved = app.ks({"apply", "default", "--create-namespace"});
  EXPECT_EQ(moved.code, 0) << moved.err;
  EXPECT_NE(moved.err.find("warning: this env deployed to namespace " + old_ns + " before"),
            std::string::npos)
      << moved.err;
  ks_test::Run refused = app.ks({"apply", "default", "--prune"});
  EXPECT_EQ(refused.code, 1);
  EXPECT_NE(refused.err.find("would prune configmap " + old_ns + "/web"), std::string::npos)
      << refused.err;
  ks_test::Run pruned = app.ks({"apply", "default", "--prune", "--yes"});
  EXPECT_EQ(pruned.code, 0) << pruned.err;
  EXPECT_NE(pruned.out.find("pruned configmap " + old_ns + "/web\n"), std::string::npos)
      << pruned.out;
  EXPECT_EQ(pruned.err.find("warning: this env deployed"), std::string::npos) << pruned.err;
}

}  // namespace
