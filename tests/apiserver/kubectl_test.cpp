// The installed kubectl (1.32 dispatcher) against ks-test-apiserver: the server is good enough
// when the real client works against it unchanged.
#include <gtest/gtest.h>

#include "skip.h"

#include <filesystem>

#include "base/fs.h"
#include "base/process.h"
#include "server_fixture.h"

namespace {

using ks_test::TestApiServer;
using nlohmann::json;

const char* kKubectl = "/usr/bin/kubectl";

#define SKIP_WITHOUT_KUBECTL()                                             \
  if (!std::filesystem::exists(kKubectl)) {                                \
    KS_SKIP_UNLESS_CI() << "kubectl is not installed at /usr/bin/kubectl"; \
  }

class Kubectl {
 public:
  explicit Kubectl(const TestApiServer& server) : server_(server), home_("ks-kubectl-home-") {}

  ks::process::Result operator()(std::vector<std::string> args) const {
    args.insert(args.begin(), {kKubectl, "--request-timeout=10s"});
    ks::process::Options opts;
    opts.env_set = {{"KUBECONFIG", server_.kubeconfig()},
                    {"KUBECACHEDIR", (home_.path() / "cache").string()},
                    {"HOME", home_.path().string()}};
    opts.timeout = std::chrono::milliseconds(60000);
    return ks::process::run(args, opts);
  }

  std::string file(const std::string& name, const std::string& content) const {
    auto path = home_.path() / name;
    ks::fs::write_file_atomic(path, content);
    return path.string();
  }

 private:
  const TestApiServer& server_;
  ks::fs::TempDir home_;
};

const char* kConfigMap = R"(apiVersion: v1
kind: ConfigMap
metadata:
  name: demo-cm
  labels:
    app: demo
data:
  a: "1"
  b: "2"
)";

std::string replace(std::string s, const std::string& from, const std::string& to) {
  return s.replace(s.find(from), from.size(), to);
}

// Object requests only: the dispatcher's /version and discovery/openapi reads are left out.
std::vector<json> object_requests(const TestApiServer& server) {
  std::vector<json> out;
  for (const auto& e : server.requests()) {
    std::string path = e["path"];
    if (path.find("/namespaces/") != std::string::npos || e["method"] != "GET") out.push_back(e);
  }
  return out;
}

TEST(Kubectl, VersionAndApiResources) {
  SKIP_WITHOUT_KUBECTL();
  TestApiServer server;
  Kubectl kubectl(server);
  auto version = kubectl({"version"});
  EXPECT_EQ(version.exit_code, 0) << version.err;
  EXPECT_NE(version.out.find("Server Version: v1.37.2"), std::string::npos) << version.out;
  auto resources = kubectl({"api-resources"});
  EXPECT_EQ(resources.exit_code, 0) << resources.err;
  for (const char* want : {"configmaps", "deployments", "customresourcedefinitions", "apps/v1",
                           "rbac.authorization.k8s.io/v1", "poddisruptionbudgets"}) {
    EXPECT_NE(resources.out.find(want), std::string::npos) << want;
  }
  auto versions = kubectl({"api-versions"});
  EXPECT_NE(versions.out.find("networking.k8s.io/v1"), std::string::npos) << versions.out;
}

TEST(Kubectl, ServerSideApplyIsIdempotentAndTracked) {
  SKIP_WITHOUT_KUBECTL();
  TestApiServer server;
  Kubectl kubectl(server);
  std::string manifest = kubectl.file("cm.yaml", kConfigMap);
  auto first = kubectl({"apply", "--server-side", "-f", manifest});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_EQ(first.out, "configmap/demo-cm serverside-applied\n");
  auto rv = kubectl({"get", "cm", "demo-cm", "-o", "jsonpath={.metadata.resourceVersion}"});
  auto again = kubectl({"apply", "--server-side", "-f", manifest});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(kubectl({"get", "cm", "demo-cm", "-o", "jsonpath={.metadata.resourceVersion}"}).out,
            rv.out);

  auto yaml = kubectl({"get", "cm", "demo-cm", "-o", "yaml", "--show-managed-fields"});
  EXPECT_NE(yaml.out.find("    manager: kubectl\n    operation: Apply\n"), std::string::npos)
      << yaml.out;
  EXPECT_NE(yaml.out.find("      f:data:\n        f:a: {}\n        f:b: {}\n"), std::string::npos)
      << yaml.out;
  EXPECT_NE(yaml.out.find("f:labels:\n          f:app: {}"), std::string::npos) << yaml.out;

  auto labelled = kubectl({"get", "cm", "-l", "app=demo", "-o", "name"});
  EXPECT_EQ(labelled.out, "configmap/demo-cm\n");
  EXPECT_EQ(kubectl({"get", "cm", "-l", "app!=demo", "-o", "name"}).out, "");
  auto missing = kubectl({"get", "cm", "missing"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("Error from server (NotFound): configmaps \"missing\" not found"),
            std::string::npos)
      << missing.err;

  std::vector<int> patch_statuses;
  for (const auto& e : object_requests(server)) {
    if (e["method"] != "PATCH") continue;
    EXPECT_EQ(e["content_type"], "application/apply-patch+yaml");
    EXPECT_EQ(e["field_manager"], "kubectl");
    EXPECT_EQ(e["user"], "ks-test-admin");  // client certificate identity
    EXPECT_EQ(e["path"], "/api/v1/namespaces/default/configmaps/demo-cm");
    patch_statuses.push_back(e["status"]);
  }
  EXPECT_EQ(patch_statuses, (std::vector<int>{201, 200}));
}

TEST(Kubectl, DiffAndFieldRemoval) {
  SKIP_WITHOUT_KUBECTL();
  TestApiServer server;
  Kubectl kubectl(server);
  std::string manifest = kubectl.file("cm.yaml", kConfigMap);
  ASSERT_EQ(kubectl({"apply", "--server-side", "-f", manifest}).exit_code, 0);
  auto same = kubectl({"diff", "--server-side", "-f", manifest});
  EXPECT_EQ(same.exit_code, 0) << same.out << same.err;
  std::string changed = kubectl.file("cm2.yaml", replace(kConfigMap, "b: \"2\"", "b: \"3\""));
  auto diff = kubectl({"diff", "--server-side", "-f", changed});
  EXPECT_EQ(diff.exit_code, 1) << diff.err;
  EXPECT_NE(diff.out.find("+  b: \"3\""), std::string::npos) << diff.out;

  std::string without_b = kubectl.file("cm3.yaml", replace(kConfigMap, "  b: \"2\"\n", ""));
  ASSERT_EQ(kubectl({"apply", "--server-side", "-f", without_b}).exit_code, 0);
  EXPECT_EQ(kubectl({"get", "cm", "demo-cm", "-o", "jsonpath={.data}"}).out, R"({"a":"1"})");
}

TEST(Kubectl, ConflictWithForeignManagerAndForce) {
  SKIP_WITHOUT_KUBECTL();
  TestApiServer server;
  Kubectl kubectl(server);
  std::string manifest = kubectl.file("cm.yaml", kConfigMap);
  ASSERT_EQ(kubectl({"apply", "--server-side", "-f", manifest}).exit_code, 0);
  auto patch = kubectl({"patch", "cm", "demo-cm", "--type=merge", "-p", R"({"data":{"a":"9"}})",
                        "--field-manager=other"});
  ASSERT_EQ(patch.exit_code, 0) << patch.err;
  auto conflict = kubectl({"apply", "--server-side", "-f", manifest});
  EXPECT_EQ(conflict.exit_code, 1);
  EXPECT_NE(conflict.err.find(
                "error: Apply failed with 1 conflict: conflict with \"other\" using v1: .data.a"),
            std::string::npos)
      << conflict.err;
  auto forced = kubectl({"apply", "--server-side", "--force-conflicts", "-f", manifest});
  EXPECT_EQ(forced.exit_code, 0) << forced.err;
  EXPECT_EQ(kubectl({"get", "cm", "demo-cm", "-o", "jsonpath={.data.a}"}).out, "1");
  auto managers = kubectl({"get", "cm", "demo-cm", "--show-managed-fields", "-o",
                           "jsonpath={.metadata.managedFields[*].manager}"});
  EXPECT_EQ(managers.out, "kubectl");

  std::string other_value = kubectl.file("cm4.yaml", replace(kConfigMap, "a: \"1\"", "a: \"5\""));
  auto second = kubectl({"apply", "--server-side", "--field-manager=other2", "-f", other_value});
  EXPECT_EQ(second.exit_code, 1);
  EXPECT_NE(second.err.find("conflict with \"kubectl\": .data.a"), std::string::npos) << second.err;
}

TEST(Kubectl, CustomResourceDefinitionWaitAndCustomResource) {
  SKIP_WITHOUT_KUBECTL();
  TestApiServer server({"--crd-establish-delay-ms", "400"});
  Kubectl kubectl(server);
  std::string crd = kubectl.file("crd.yaml", R"(apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  scope: Namespaced
  names: {plural: widgets, singular: widget, kind: Widget, shortNames: [wd]}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        x-kubernetes-preserve-unknown-fields: true
)");
  std::string cr = kubectl.file("cr.yaml", R"(apiVersion: example.com/v1
kind: Widget
metadata: {name: w1}
spec: {size: 3}
)");
  ASSERT_EQ(kubectl({"apply", "--server-side", "-f", crd}).exit_code, 0);
  auto wait =
      kubectl({"wait", "--for=condition=Established", "crd/widgets.example.com", "--timeout=20s"});
  EXPECT_EQ(wait.exit_code, 0) << wait.err;
  EXPECT_NE(wait.out.find("condition met"), std::string::npos);
  auto applied = kubectl({"apply", "--server-side", "-f", cr});
  EXPECT_EQ(applied.exit_code, 0) << applied.err;
  EXPECT_EQ(applied.out, "widget.example.com/w1 serverside-applied\n");
  EXPECT_EQ(kubectl({"get", "widgets", "-o", "name"}).out, "widget.example.com/w1\n");
  EXPECT_EQ(kubectl({"get", "wd", "w1", "-o", "jsonpath={.spec.size}"}).out, "3");

  ASSERT_EQ(kubectl({"delete", "-f", crd}).exit_code, 0);
  auto gone = kubectl({"get", "widgets"});
  EXPECT_NE(gone.exit_code, 0);
}

TEST(Kubectl, DryRunAndDelete) {
  SKIP_WITHOUT_KUBECTL();
  TestApiServer server;
  Kubectl kubectl(server);
  std::string manifest = kubectl.file("cm.yaml", kConfigMap);
  auto dry = kubectl({"apply", "--server-side", "--dry-run=server", "-f", manifest});
  EXPECT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_EQ(dry.out, "configmap/demo-cm serverside-applied (server dry run)\n");
  EXPECT_EQ(kubectl({"get", "cm", "demo-cm"}).exit_code, 1);

  ASSERT_EQ(kubectl({"apply", "--server-side", "-f", manifest}).exit_code, 0);
  server.reset_log();
  auto deleted = kubectl({"delete", "-f", manifest});
  EXPECT_EQ(deleted.exit_code, 0) << deleted.err;
  EXPECT_EQ(deleted.out, "configmap \"demo-cm\" deleted\n");
  auto requests = object_requests(server);
  ASSERT_FALSE(requests.empty());
  EXPECT_EQ(requests[0]["method"], "DELETE");
  EXPECT_EQ(json::parse(requests[0]["body"].get<std::string>()),
            json({{"propagationPolicy", "Background"}}));
  EXPECT_EQ(requests[0]["status"], 200);
  auto again = kubectl({"delete", "-f", manifest});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("configmaps \"demo-cm\" not found"), std::string::npos) << again.err;
}

TEST(Kubectl, RetriesThrottledRequestsAndReportsInternalErrors) {
  SKIP_WITHOUT_KUBECTL();
  TestApiServer server;
  Kubectl kubectl(server);
  std::string manifest = kubectl.file("cm.yaml", kConfigMap);
  server.set_faults("rate=1,kinds=429,max=2,methods=PATCH");
  auto applied = kubectl({"apply", "--server-side", "-f", manifest});
  EXPECT_EQ(applied.exit_code, 0) << applied.err;
  std::vector<int> statuses;
  for (const auto& e : object_requests(server)) {
    if (e["method"] == "PATCH") statuses.push_back(e["status"]);
  }
  EXPECT_EQ(statuses, (std::vector<int>{429, 429, 201}));

  server.set_faults("fail-name=^demo-cm$");
  auto failed = kubectl({"apply", "--server-side", "-f", manifest});
  EXPECT_EQ(failed.exit_code, 1);
  EXPECT_NE(failed.err.find("Error from server (InternalError)"), std::string::npos) << failed.err;
}

TEST(Kubectl, TokenAuthExtraContextsAndWrongToken) {
  SKIP_WITHOUT_KUBECTL();
  TestApiServer server({"--context", "minikube", "--extra-context", "gke"});
  Kubectl kubectl(server);
  auto by_token = kubectl({"--context", "minikube-token", "get", "ns", "-o", "name"});
  EXPECT_EQ(by_token.exit_code, 0) << by_token.err;
  EXPECT_NE(by_token.out.find("namespace/kube-system"), std::string::npos);
  auto log = server.requests();
  ASSERT_FALSE(log.empty());
  EXPECT_EQ(log.back()["user"], "ks-test-token-user");

  auto gke = kubectl({"--context", "gke", "get", "ns", "default", "-o", "name"});
  EXPECT_EQ(gke.out, "namespace/default\n");

  auto wrong = kubectl({"--context", "minikube-token", "--token", "wrong", "get", "ns"});
  EXPECT_EQ(wrong.exit_code, 1);
  EXPECT_NE(wrong.err.find("You must be logged in"), std::string::npos) << wrong.err;
}

TEST(Kubectl, CreateSendsProtobufWhichIsReadOrRefusedClearly) {
  SKIP_WITHOUT_KUBECTL();
  TestApiServer server;
  Kubectl kubectl(server);
  // kubectl sends built-in types it creates as protobuf (it does not fall back to JSON after a
  // 415, measured). Namespaces, ConfigMaps and Secrets are decoded; other kinds get a clear 415
  // rather than a misleading JSON parse error.
  auto ns = kubectl({"create", "namespace", "kubeflow"});
  EXPECT_EQ(ns.exit_code, 0) << ns.err;
  EXPECT_EQ(ns.out, "namespace/kubeflow created\n");
  auto cm = kubectl({"create", "configmap", "cfg", "-n", "kubeflow", "--from-literal=a=1"});
  EXPECT_EQ(cm.exit_code, 0) << cm.err;
  auto data = kubectl({"get", "configmap", "cfg", "-n", "kubeflow", "-o", "jsonpath={.data.a}"});
  EXPECT_EQ(data.out, "1") << data.err;
  auto secret = kubectl({"create", "secret", "generic", "s", "--from-literal=a=b"});
  EXPECT_EQ(secret.exit_code, 0) << secret.err;
  auto secret_data = kubectl({"get", "secret", "s", "-o", "jsonpath={.type} {.data.a}"});
  EXPECT_EQ(secret_data.out, "Opaque Yg==") << secret_data.err;
  auto account = kubectl({"create", "serviceaccount", "robot"});
  EXPECT_EQ(account.exit_code, 1);
  EXPECT_NE(account.err.find("the body of the request was in an unknown format - accepted media "
                             "types include: application/json, application/yaml"),
            std::string::npos)
      << account.err;
  std::vector<std::string> posts;
  for (const auto& e : server.requests())
    if (e["method"] == "POST")
      posts.push_back(e["content_type"].get<std::string>() + " " +
                      std::to_string(e["status"].get<int>()));
  EXPECT_EQ(posts, (std::vector<std::string>{"application/vnd.kubernetes.protobuf 201",
                                             "application/vnd.kubernetes.protobuf 201",
                                             "application/vnd.kubernetes.protobuf 201",
                                             "application/vnd.kubernetes.protobuf 415"}));
}

}  // namespace
