#include "kube/kubeconfig.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include "base/error.h"
#include "base/fs.h"
#include "ks_test.h"
#include "kube/target.h"

namespace ks::kube {
namespace {

class EnvVar {
 public:
  EnvVar(const char* name, const std::string& value) : name_(name) {
    const char* old = std::getenv(name);
    if (old) old_ = old;
    had_ = old != nullptr;
    ::setenv(name, value.c_str(), 1);
  }
  ~EnvVar() {
    if (had_)
      ::setenv(name_, old_.c_str(), 1);
    else
      ::unsetenv(name_);
  }

 private:
  const char* name_;
  std::string old_;
  bool had_ = false;
};

const char* kFirst = R"(apiVersion: v1
kind: Config
current-context: dev
clusters:
- name: shared
  cluster:
    server: https://first.example:6443
    certificate-authority: ../pki/ca.crt
- name: dev-cluster
  cluster:
    server: https://dev.example
users:
- name: dev-user
  user:
    token: first-secret-token
    client-certificate: certs/client.crt
    client-key: /abs/client.key
contexts:
- name: dev
  context: {cluster: dev-cluster, user: dev-user, namespace: team}
- name: shared
  context: {cluster: shared, user: dev-user}
)";

const char* kSecond = R"(apiVersion: v1
kind: Config
current-context: other
clusters:
- name: shared
  cluster:
    server: https://second.example
    certificate-authority-data: aGVsbG8=
- name: prod-cluster
  cluster:
    server: https://prod.example:443/
users:
- name: prod-user
  user:
    tokenFile: token.txt
    exec:
      apiVersion: client.authentication.k8s.io/v1
      command: ./bin/get-token
      args: [a, b]
      env: [{name: FOO, value: bar}]
contexts:
- name: prod
  context: {cluster: prod-cluster, user: prod-user}
- name: dev
  context: {cluster: prod-cluster, user: prod-user}
)";

struct Files {
  ks_test::Sandbox sb;
  std::string first = (sb.root() / "a" / "config").string();
  std::string second = (sb.root() / "b" / "config").string();
  Files() {
    ks_test::write(first, kFirst);
    ks_test::write(second, kSecond);
  }
};

TEST(KubeKubeconfig, MergesFilesFirstDefinitionWins) {
  Files f;
  EnvVar kc("KUBECONFIG", f.first + ":" + (f.sb.root() / "missing").string() + ":" + f.second);
  KubeConfig c = load_kubeconfig();
  EXPECT_EQ(c.files.size(), 2u);
  EXPECT_EQ(c.current_context, "dev");
  EXPECT_EQ(c.clusters.at("shared").server, "https://first.example:6443");
  EXPECT_EQ(c.clusters.at("shared").certificate_authority_data, "");  // no field-level merge
  EXPECT_EQ(c.contexts.at("dev").cluster, "dev-cluster");
  EXPECT_EQ(c.contexts.at("prod").cluster, "prod-cluster");
  EXPECT_EQ(current_context(c).value(), "dev");
  KubeContext prod = resolve_context(c, "prod");
  EXPECT_EQ(prod.server, "https://prod.example:443/");
  EXPECT_EQ(prod.user, "prod-user");
}

TEST(KubeKubeconfig, SecondFileCurrentContextWhenFirstHasNone) {
  Files f;
  ks_test::write(f.first, "clusters: []\n");
  EnvVar kc("KUBECONFIG", f.first + ":" + f.second);
  EXPECT_EQ(current_context(load_kubeconfig()).value(), "other");
}

TEST(KubeKubeconfig, RelativePathsResolveAgainstTheDefiningFile) {
  Files f;
  EnvVar kc("KUBECONFIG", f.first + ":" + f.second);
  KubeConfig c = load_kubeconfig();
  EXPECT_EQ(c.clusters.at("shared").certificate_authority,
            (f.sb.root() / "pki" / "ca.crt").string());
  EXPECT_EQ(c.users.at("dev-user").client_certificate,
            (f.sb.root() / "a" / "certs" / "client.crt").string());
  EXPECT_EQ(c.users.at("dev-user").client_key, "/abs/client.key");
  EXPECT_EQ(c.users.at("prod-user").token_file, (f.sb.root() / "b" / "token.txt").string());
  const ExecConfig& exec = *c.users.at("prod-user").exec;
  EXPECT_EQ(exec.command, (f.sb.root() / "b" / "bin" / "get-token").string());
  EXPECT_EQ(exec.args, (std::vector<std::string>{"a", "b"}));
  ASSERT_EQ(exec.env.size(), 1u);
  EXPECT_EQ(exec.env[0].second, "bar");
}

TEST(KubeKubeconfig, DecodesDataFields) {
  Files f;
  KubeConfig c = load_kubeconfig(f.second);
  EXPECT_EQ(c.clusters.at("shared").certificate_authority_data, "hello");
}

TEST(KubeKubeconfig, ExplicitPathMustExistAndDefaultMayBeMissing) {
  ks_test::Sandbox sb;
  EXPECT_THROW(load_kubeconfig((sb.root() / "nope").string()), Error);
  EnvVar home("HOME", sb.home().string());
  EnvVar kc("KUBECONFIG", "");
  KubeConfig c = load_kubeconfig();
  EXPECT_TRUE(c.contexts.empty());
  EXPECT_FALSE(current_context(c).has_value());
}

TEST(KubeKubeconfig, DefaultsToHomeKubeConfig) {
  Files f;
  EnvVar home("HOME", f.sb.home().string());
  ::unsetenv("KUBECONFIG");
  ks_test::write(f.sb.home() / ".kube" / "config", kSecond);
  EXPECT_EQ(current_context(load_kubeconfig()).value(), "other");
}

TEST(KubeKubeconfig, MissingContextListsAvailableOnes) {
  Files f;
  KubeConfig c = load_kubeconfig(f.first);
  try {
    resolve_context(c, "nope");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    std::string msg = e.what();
    EXPECT_NE(msg.find("'nope'"), std::string::npos) << msg;
    EXPECT_NE(msg.find("dev, shared"), std::string::npos) << msg;
    EXPECT_EQ(msg.find("first-secret-token"), std::string::npos) << msg;
  }
}

TEST(KubeTarget, UsesTheEnvContextAndChecksItsServer) {
  Files f;
  KubeConfig c = load_kubeconfig(f.second);
  Target t{"", "prod", "https://PROD.example", "apps", false};
  Connection conn = resolve_target(t, c);
  EXPECT_EQ(conn.context.name, "prod");
  EXPECT_EQ(conn.default_namespace, "apps");

  t.server = "https://laptop:6443";
  try {
    resolve_target(t, c);
    FAIL() << "expected the server check to refuse";
  } catch (const Error& e) {
    std::string msg = e.what();
    EXPECT_NE(msg.find("https://laptop:6443"), std::string::npos) << msg;
    EXPECT_NE(msg.find("https://prod.example"), std::string::npos) << msg;
    EXPECT_NE(msg.find("--skip-server-check"), std::string::npos) << msg;
  }
  t.skip_server_check = true;
  EXPECT_EQ(resolve_target(t, c).warnings.size(), 1u);
}

TEST(KubeTarget, FindsTheContextByServerElseTheCurrentOne) {
  Files f;
  EnvVar kc("KUBECONFIG", f.first + ":" + f.second);
  KubeConfig c = load_kubeconfig();
  Connection by_server = resolve_target({"", "", "https://prod.example", "", false}, c);
  EXPECT_EQ(by_server.context.name, "prod");
  Connection current = resolve_target({"", "", "", "", false}, c);
  EXPECT_EQ(current.context.name, "dev");
  EXPECT_EQ(current.default_namespace, "team");
  Connection shared = resolve_target({"", "shared", "", "", false}, c);
  EXPECT_EQ(shared.default_namespace, "default");
}

TEST(KubeTarget, InsecureClusterWarns) {
  ks_test::Sandbox sb;
  std::string path = (sb.root() / "config").string();
  ks_test::write(path, R"(clusters:
- name: c
  cluster: {server: "https://x", insecure-skip-tls-verify: true}
contexts:
- name: c
  context: {cluster: c}
current-context: c
)");
  Connection conn = resolve_target({path, "", "", "", false});
  ASSERT_EQ(conn.warnings.size(), 1u);
  EXPECT_NE(conn.warnings[0].find("TLS certificate verification is disabled"), std::string::npos);
}

TEST(KubeTarget, TokenAndBasicAuthTogetherIsAnError) {
  ks_test::Sandbox sb;
  std::string path = (sb.root() / "config").string();
  ks_test::write(path, R"(clusters: [{name: c, cluster: {server: "https://x"}}]
users: [{name: u, user: {token: sekret, username: a, password: pw}}]
contexts: [{name: c, context: {cluster: c, user: u}}]
)");
  try {
    resolve_target({path, "c", "", "", false});
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()).find("sekret"), std::string::npos);
    EXPECT_EQ(std::string(e.what()).find("pw"), std::string::npos);
  }
}

TEST(KubeInCluster, ServiceAccountFolderBecomesTheInClusterContext) {
  ks_test::Sandbox sb;
  auto dir = sb.root() / "sa";
  ks_test::write(dir / "token", "tok\n");
  ks_test::write(dir / "ca.crt", "PEM");
  ks_test::write(dir / "namespace", "ci\n");
  auto config = in_cluster_config({"10.96.0.1", "443", dir.string()});
  ASSERT_TRUE(config);
  EXPECT_EQ(config->current_context, "in-cluster");
  auto ctx = resolve_context(*config, "in-cluster");
  EXPECT_EQ(ctx.server, "https://10.96.0.1:443");
  EXPECT_EQ(ctx.namespace_, "ci");
  EXPECT_EQ(config->clusters.at("in-cluster").certificate_authority, (dir / "ca.crt").string());
  EXPECT_EQ(config->users.at("in-cluster").token_file, (dir / "token").string());
  EXPECT_EQ(in_cluster_config({"fd00::1", "6443", dir.string()})->clusters.at("in-cluster").server,
            "https://[fd00::1]:6443");
  EXPECT_FALSE(in_cluster_config({"", "443", dir.string()}));
  EXPECT_FALSE(in_cluster_config({"10.96.0.1", "443", (sb.root() / "none").string()}));
}

}  // namespace
}  // namespace ks::kube
