// kubectl's conventions on the deploy commands: --dry-run=none|client|server, Go durations for
// --timeout, and -o json|yaml results (docs/output.md), checked against the test API server's
// request log and store.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "base/strings.h"
#include "ks_test.h"
#include "kube/kubeconfig.h"
#include "server_fixture.h"

namespace {

using nlohmann::json;

struct App {
  ks_test::TestApiServer srv;
  ks_test::Sandbox sb;
  std::map<std::string, std::string> env{{"KUBECONFIG", srv.kubeconfig()}};
  std::filesystem::path dir = sb.root() / "shop";

  App() {
    EXPECT_EQ(sb.ks({"init", "shop"}, sb.root(), env).code, 0);
    ks_test::write(dir / "components" / "web.yaml",
                   "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata:\n  a: \"1\"\n");
  }
  ks_test::Run ks(std::vector<std::string> args) const { return sb.ks(args, dir, env); }

  // Requests to the ConfigMap's collection or item (not discovery, not the ApplySet parent).
  std::vector<json> configmap_requests(const std::string& method) const {
    std::vector<json> out;
    for (const auto& e : srv.requests())
      if (e.value("method", "") == method &&
          e.value("path", "").find("/configmaps/web") != std::string::npos)
        out.push_back(e);
    return out;
  }
  bool stored() const {  // `ks diff` exits 0 only when the live object matches
    return ks({"diff", "default"}).code == 0;
  }
};

TEST(DryRun, ServerSendsDryRunAllAndStoresNothing) {
  App app;
  auto r = app.ks({"apply", "default", "--dry-run=server"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("created configmap default/web (dry run)"), std::string::npos) << r.out;
  auto patches = app.configmap_requests("PATCH");
  ASSERT_EQ(patches.size(), 1u);
  EXPECT_NE(patches[0].value("query", "").find("dryRun=All"), std::string::npos) << patches[0];
  EXPECT_FALSE(app.stored());

  ASSERT_EQ(app.ks({"apply", "default"}).code, 0);
  app.srv.reset_log();
  auto del = app.ks({"delete", "default", "--dry-run=server"});
  ASSERT_EQ(del.code, 0) << del.err;
  EXPECT_NE(del.out.find("deleted 1 object (dry run): 1 deleted"), std::string::npos) << del.out;
  auto deletes = app.configmap_requests("DELETE");
  ASSERT_EQ(deletes.size(), 1u);
  EXPECT_NE(deletes[0].value("query", "").find("dryRun=All"), std::string::npos) << deletes[0];
  for (const auto& e : app.srv.requests()) {  // the ApplySet parent stays too
    if (e.value("method", "") == "DELETE") {
      EXPECT_NE(e.value("query", "").find("dryRun=All"), std::string::npos) << e;
    }
  }
  EXPECT_TRUE(app.stored());
}

TEST(DryRun, BareFlagIsServerAsBefore) {
  App app;
  ASSERT_EQ(app.ks({"apply", "default", "--dry-run"}).code, 0);
  auto patches = app.configmap_requests("PATCH");
  ASSERT_EQ(patches.size(), 1u);
  EXPECT_NE(patches[0].value("query", "").find("dryRun=All"), std::string::npos);
}

TEST(DryRun, ClientRendersAndPlansWithoutContactingTheCluster) {
  App app;
  app.srv.reset_log();
  auto r = app.ks({"apply", "default", "--dry-run=client"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out,
            "would apply configmap default/web\nwould apply 1 object (client dry run: the cluster "
            "was not contacted)\n");
  auto del = app.ks({"delete", "default", "--dry-run=client", "-o", "json"});
  ASSERT_EQ(del.code, 0) << del.err;
  auto doc = json::parse(del.out);
  EXPECT_EQ(doc["kind"], "DeleteResult");
  EXPECT_EQ(doc["dryRun"], "client");
  EXPECT_EQ(doc["objects"][0]["action"], "planned");
  EXPECT_TRUE(app.srv.requests().empty()) << app.srv.requests().dump();
}

TEST(DryRun, UnknownModeIsAUsageError) {
  App app;
  auto r = app.ks({"apply", "default", "--dry-run=maybe"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--dry-run"), std::string::npos) << r.err;
}

TEST(Timeouts, GoDurationsAndBareSecondsAreAccepted) {
  App app;
  for (const char* t : {"90s", "1m30s", "2h", "1.5m", "300ms", "300"}) {
    auto r = app.ks({"apply", "default", "--wait", "--timeout", t});
    EXPECT_EQ(r.code, 0) << t << ": " << r.err;
    auto d = app.ks({"delete", "default", "--timeout", t});
    EXPECT_EQ(d.code, 0) << t << ": " << d.err;
  }
  app.srv.reset_log();
  auto bad = app.ks({"apply", "default", "--timeout", "5 minutes"});
  EXPECT_EQ(bad.code, 1);
  EXPECT_NE(bad.err.find("--timeout 5 minutes: expected a duration such as 90s, 1m30s, 2h"),
            std::string::npos)
      << bad.err;
  EXPECT_TRUE(app.srv.requests().empty());  // refused before contacting the cluster
}

TEST(Output, ApplyDeleteAndDiffResultsAsJsonAndYaml) {
  App app;
  auto applied = app.ks({"apply", "default", "-o", "json"});
  ASSERT_EQ(applied.code, 0) << applied.err;
  auto doc = json::parse(applied.out);  // the whole stdout is one document
  EXPECT_EQ(doc["apiVersion"], "ks.io/v1");
  EXPECT_EQ(doc["kind"], "ApplyResult");
  EXPECT_EQ(doc["dryRun"], "none");
  ASSERT_EQ(doc["objects"].size(), 1u);
  EXPECT_EQ(doc["objects"][0], (json{{"apiVersion", "v1"},
                                     {"kind", "ConfigMap"},
                                     {"namespace", "default"},
                                     {"name", "web"},
                                     {"action", "created"}}));
  EXPECT_EQ(doc["summary"], (json{{"total", 1}, {"actions", {{"created", 1}}}}));
  EXPECT_EQ(doc["failed"], 0);

  ks_test::write(app.dir / "components" / "web.yaml",
                 "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata:\n  a: \"2\"\n");
  auto diff = app.ks({"diff", "default", "-o", "json"});
  EXPECT_EQ(diff.code, 1) << diff.err;
  auto d = json::parse(diff.out);
  EXPECT_EQ(d["kind"], "DiffResult");
  EXPECT_EQ(d["differs"], true);
  EXPECT_NE(d["diff"].get<std::string>().find("+  a: \"2\""), std::string::npos) << d;

  auto pruned_app = app.ks({"apply", "default", "--prune", "-o", "yaml"});
  ASSERT_EQ(pruned_app.code, 0) << pruned_app.err;
  EXPECT_EQ(pruned_app.out.rfind("apiVersion: ks.io/v1\n", 0), 0u) << pruned_app.out;
  EXPECT_NE(pruned_app.out.find("kind: ApplyResult\n"), std::string::npos) << pruned_app.out;

  std::filesystem::remove(app.dir / "components" / "web.yaml");
  ks_test::write(app.dir / "components" / "other.yaml",
                 "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other\n");
  auto pruned = json::parse(app.ks({"apply", "default", "--prune", "-o", "json"}).out);
  ASSERT_EQ(pruned["pruned"].size(), 1u) << pruned;
  EXPECT_EQ(pruned["pruned"][0]["name"], "web");
  EXPECT_EQ(pruned["pruned"][0]["action"], "pruned");

  auto deleted = json::parse(app.ks({"delete", "default", "-o", "json"}).out);
  EXPECT_EQ(deleted["kind"], "DeleteResult");
  EXPECT_EQ(deleted["objects"][0]["action"], "deleted");
}

TEST(InCluster, ApplyUsesThePodServiceAccountWhenNoKubeconfigExists) {
  App app;  // its env is bound to the test server's URL
  auto kubeconfig = ks::kube::load_kubeconfig(app.srv.kubeconfig());
  auto account = app.sb.root() / "serviceaccount";
  ks_test::write(account / "token", app.srv.token() + "\n");
  ks_test::write(account / "ca.crt",
                 kubeconfig.clusters.begin()->second.certificate_authority_data);
  ks_test::write(account / "namespace", "default\n");
  std::map<std::string, std::string> pod = {
      {"KUBERNETES_SERVICE_HOST", "127.0.0.1"},
      {"KUBERNETES_SERVICE_PORT", std::to_string(app.srv.port())},
      {"KS_SERVICE_ACCOUNT_DIR", account.string()}};
  ASSERT_FALSE(std::filesystem::exists(app.sb.home() / ".kube" / "config"));
  // A CI env is bound to the in-cluster URL, not to a kube context of someone's laptop.
  auto add = app.sb.ks({"env", "add", "ci", "--server", app.srv.server(), "--namespace", "default"},
                       app.dir);
  ASSERT_EQ(add.code, 0) << add.err;
  auto r = app.sb.ks({"apply", "ci"}, app.dir, pod);  // no KUBECONFIG
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("created configmap default/web"), std::string::npos) << r.out;
  ASSERT_EQ(app.configmap_requests("PATCH").size(), 1u);

  // Without the token file there is no in-cluster config: the usual error.
  std::filesystem::remove(account / "token");
  auto none = app.sb.ks({"diff", "ci"}, app.dir, pod);
  EXPECT_EQ(none.code, 2);
  EXPECT_NE(none.err.find("no kube context points at server " + app.srv.server()),
            std::string::npos)
      << none.err;
}

}  // namespace
