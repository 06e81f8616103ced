// The seed flow of the brief, command for command, against one cluster reached through the
// contexts "minikube" and "gke", on both backends (the bundled test API server and the real
// control plane, see deploy_cluster.h); the Go-built kubectl is the oracle for what reached it.
#include <gtest/gtest.h>

#include <memory>

#include <nlohmann/json.hpp>

#include "deploy_cluster.h"
#include "ks_test.h"
#include "server_fixture.h"

namespace {

using ks_test::Backend;
using ks_test::Sandbox;

class SeedFlow : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    KS_REQUIRE_BACKEND(GetParam());
    KS_REQUIRE_KUBECTL();
    ks_test::ClusterOptions options;
    options.context = "minikube";
    options.extra_contexts = {"gke"};
    server = std::make_unique<ks_test::DeployCluster>(GetParam(), options);
    ns = server->ns();
  }

  ks_test::Run ks(const std::vector<std::string>& args, const std::filesystem::path& cwd) {
    return sb.ks(args, cwd, {{"KUBECONFIG", server->kubeconfig()}});
  }
  ks_test::Run ok(const std::vector<std::string>& args) {
    ks_test::Run r = ks(args, app);
    EXPECT_EQ(r.code, 0) << "ks " << args[0] << " " << (args.size() > 1 ? args[1] : "") << "\n"
                         << r.out << r.err;
    return r;
  }
  ks_test::Run kubectl(const std::vector<std::string>& args) { return server->kubectl(args); }

  Sandbox sb;
  std::unique_ptr<ks_test::DeployCluster> server;
  std::string ns;  // the env namespace: the contexts' ("default" on the bundled server)
  std::filesystem::path app;
};
INSTANTIATE_TEST_SUITE_P(Backends, SeedFlow, ks_test::kBothBackends, ks_test::backend_name);

TEST_P(SeedFlow, DeploysToTwoContextsAndCleansUp) {
  server->delete_after("customresourcedefinition/tfjobs.kubeflow.org");
  ASSERT_EQ(ks({"init", "my-kubeflow"}, sb.root()).code, 0);
  app = sb.root() / "my-kubeflow";
  ok({"registry", "add", "kubeflow", ks_test::source_path("registry/kubeflow")});
  ok({"pkg", "install", "kubeflow/core"});
  ok({"pkg", "install", "kubeflow/tf-job"});
  ok({"pkg", "install", "kubeflow/tf-serving"});
  ok({"generate", "core", "kubeflow-core", "--name=kubeflow-core"});
  ok({"env", "add", "minikube", "--context=minikube"});
  ok({"env", "add", "gke", "--context=gke"});
  ks_test::Run core = ok({"apply", "minikube", "-c", "kubeflow-core"});
  EXPECT_NE(core.out.find("created customresourcedefinition tfjobs.kubeflow.org"),
            std::string::npos)
      << core.out;
  EXPECT_NE(core.out.find("0 failed"), std::string::npos);
  ok({"generate", "tf-cnn", "cnn", "--name=cnn"});
  EXPECT_NE(ok({"prototype", "list"}).out.find("io.ksonnet.pkg.tf-cnn"), std::string::npos);
  EXPECT_NE(ok({"prototype", "describe", "tf-job"}).out.find("num_gpus"), std::string::npos);
  ok({"param", "set", "--env=gke", "cnn", "num_gpus", "1"});
  ok({"param", "set", "--env=gke", "cnn", "num_workers", "1"});
  ks_test::Run cnn = ok({"apply", "gke", "-c", "cnn"});
  EXPECT_NE(cnn.out.find("created tfjob " + ns + "/cnn"), std::string::npos) << cnn.out;
  ok({"generate", "tf-serving", "inception", "--name=inception", "--namespace=" + ns,
      "--model_path=gs://kubeflow-models/inception"});
  ks_test::Run show = ok({"show", "gke"});
  EXPECT_NE(show.out.find("nvidia.com/gpu: 1"), std::string::npos);
  EXPECT_NE(show.out.find("name: inception"), std::string::npos);

  // Everything of gke, then again: the second apply changes nothing and diff agrees.
  ks_test::Run all = ok({"apply", "gke"});
  EXPECT_NE(all.out.find("0 failed"), std::string::npos) << all.out;
  ks_test::Run again = ok({"apply", "gke"});
  EXPECT_NE(again.out.find("0 created, 0 configured, 15 unchanged, 0 failed"), std::string::npos)
      << again.out;
  ks_test::Run diff = ks({"diff", "gke"}, app);
  EXPECT_EQ(diff.code, 0) << diff.out << diff.err;
  EXPECT_EQ(diff.out, "");

  // Every write was a server-side apply by field manager ks (the bundled server logs requests).
  if (server->bundled()) {
    int applies = 0;
    for (const auto& r : server->requests()) {
      if (r.value("method", "") != "PATCH") continue;
      ++applies;
      EXPECT_EQ(r.value("content_type", ""), "application/apply-patch+yaml") << r.dump();
      EXPECT_EQ(r.value("field_manager", ""), "ks") << r.dump();
    }
    EXPECT_GT(applies, 15);
  }

  ks_test::Run img =
      kubectl({"--context", "gke", "get", "tfjobs.kubeflow.org", "cnn", "-n", ns, "-o", "json"});
  ASSERT_EQ(img.code, 0) << img.err;
  auto tfjob = nlohmann::json::parse(img.out);
  auto worker = tfjob["spec"]["tfReplicaSpecs"]["Worker"]["template"]["spec"]["containers"][0];
  EXPECT_NE(worker["image"].get<std::string>().find("gpu"), std::string::npos) << worker.dump();
  EXPECT_EQ(worker["resources"]["limits"]["nvidia.com/gpu"], 1);
  ks_test::Run hub = kubectl({"--context", "minikube", "get", "statefulset", "tf-hub", "-n", ns});
  EXPECT_EQ(hub.code, 0) << hub.err;

  ks_test::Run del = ok({"delete", "minikube"});
  EXPECT_NE(del.out.find("0 failed"), std::string::npos) << del.out;
  // `ks delete` (cascade foreground, no --wait) returns once the server accepted each delete; a
  // real server keeps a Deployment until the garbage collector has removed its pods, so the
  // oracle waits for them to go, as `kubectl delete` itself would (docs/real-cluster.md).
  const std::string kinds =
      "deployments,statefulsets,services,configmaps,serviceaccounts,roles,rolebindings,"
      "clusterroles,clusterrolebindings,customresourcedefinitions";
  ks_test::Run gone = kubectl({"--context", "gke", "wait", "--for=delete", kinds, "-l",
                               "ksonnet.io/component", "-n", ns, "--timeout=120s"});
  EXPECT_EQ(gone.code, 0) << gone.out << gone.err;
  ks_test::Run left =
      kubectl({"--context", "gke", "get", kinds, "-l", "ksonnet.io/component", "-n", ns});
  EXPECT_EQ(left.code, 0) << left.err;
  EXPECT_EQ(left.out, "");
  EXPECT_NE(left.err.find("No resources found"), std::string::npos) << left.err;
}

TEST_P(SeedFlow, ApplyRefusesAContextThatNowPointsElsewhere) {
  ASSERT_EQ(ks({"init", "a", "--context", "minikube"}, sb.root()).code, 0);
  app = sb.root() / "a";
  ks_test::write(app / "components/cm.jsonnet",
                 "{apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'cm'}}\n");
  // The env recorded minikube's server; rebinding the context to another server must be refused.
  std::string config = ks_test::read(server->kubeconfig());
  std::string moved = config;
  auto pos = moved.find(server->server());
  ASSERT_NE(pos, std::string::npos);
  moved.replace(pos, server->server().size(), "https://127.0.0.1:1");
  ks_test::write(sb.root() / "moved.kubeconfig", moved);
  ks_test::Run r =
      sb.ks({"apply", "default"}, app, {{"KUBECONFIG", (sb.root() / "moved.kubeconfig").string()}});
  EXPECT_NE(r.code, 0);
  EXPECT_NE(r.err.find(server->server()), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("https://127.0.0.1:1"), std::string::npos) << r.err;
  ks_test::Run cms = kubectl({"get", "configmap", "cm", "-n", ns, "--ignore-not-found"});
  EXPECT_EQ(cms.code, 0) << cms.err;
  EXPECT_EQ(cms.out, "");  // nothing was applied
  if (server->bundled()) {
    for (const auto& req : server->requests()) EXPECT_NE(req.value("method", ""), "PATCH");
  }
}

}  // namespace
