// A hand-written app in ksonnet 0.13's layout (tests/fixtures/ksonnet-app: github-vendored
// package under vendor/REG/PKG@SHA, versioned ksonnet-lib, a nested module targeted by one env,
// a YAML component, string globals, a customised main.jsonnet) must load and render unchanged.
#include <gtest/gtest.h>

#include "base/yaml.h"
#include "ks_test.h"

using ks_test::read;
using ks_test::Sandbox;

namespace {

class FixtureApp : public ::testing::Test {
 protected:
  void SetUp() override {
    root = sb.root() / "guestbook";
    std::filesystem::copy(ks_test::source_path("tests/fixtures/ksonnet-app"), root,
                          std::filesystem::copy_options::recursive);
  }
  Sandbox sb;
  std::filesystem::path root;
};

TEST_F(FixtureApp, RendersIdenticallyToItsGoldenOutput) {
  auto before = ks_test::snapshot(root);
  for (const char* env : {"default", "prod"}) {
    auto r = sb.ks({"show", env}, root);
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.out, read(ks_test::source_path(std::string("tests/fixtures/ksonnet-app.") + env +
                                               ".golden.yaml")))
        << env;
  }
  // Rendering reads the app and never writes to it.
  EXPECT_EQ(ks_test::snapshot(root), before);
}

TEST_F(FixtureApp, ListsAndEditsKeepKsonnetFormat) {
  auto envs = sb.ks({"env", "list", "-o", "json"}, root);
  ASSERT_EQ(envs.code, 0) << envs.err;
  auto list = nlohmann::json::parse(envs.out);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[1]["targets"], (nlohmann::json{"/", "db"}));
  auto comps = sb.ks({"component", "list"}, root);
  EXPECT_NE(comps.out.find("db.mysql"), std::string::npos);
  ASSERT_EQ(sb.ks({"param", "set", "--env=prod", "guestbook-ui", "replicas", "5"}, root).code, 0);
  std::string params = read(root / "environments/prod/params.libsonnet");
  EXPECT_NE(params.find("      replicas: 5,\n      type: \"LoadBalancer\","), std::string::npos)
      << params;
  auto show = sb.ks({"show", "prod", "-c", "guestbook-ui", "-o", "json"}, root);
  ASSERT_EQ(show.code, 0) << show.err;
  EXPECT_EQ(nlohmann::json::parse(show.out)["items"][1]["spec"]["replicas"], 5);
  // app.yaml is rewritten only by commands that change it, and then as 0.3.0 with the same content.
  ASSERT_EQ(sb.ks({"env", "set", "default", "--namespace", "dev"}, root).code, 0);
  auto app = ks::yaml::parse(read(root / "app.yaml"), "app.yaml");
  EXPECT_EQ(app["libraries"]["incubator/redis"]["version"],
            "40285d8a14f1ac5787e405e1023cf0c07f6aa28c");
  EXPECT_EQ(app["registries"]["incubator"]["protocol"], "github");
  EXPECT_EQ(app["environments"]["prod"]["targets"], (nlohmann::json{"/", "db"}));
  EXPECT_EQ(app["environments"]["default"]["destination"]["namespace"], "dev");
}

TEST_F(FixtureApp, OlderAppYamlSchemasAreRead) {
  // ksonnet 0.1.0: libraries keyed by name with gitVersion, targets with '/'.
  ks_test::write(root / "app.yaml", R"(apiVersion: 0.1.0
environments:
  prod:
    destination: {namespace: production, server: "https://prod.example.com"}
    k8sVersion: v1.10.3
    path: prod
    targets: [/, db]
  default:
    destination: {namespace: default, server: "https://127.0.0.1:6443"}
    k8sVersion: v1.10.3
    path: default
kind: ksonnet.io/app
libraries:
  redis:
    gitVersion: {commitSha: 40285d8a14f1ac5787e405e1023cf0c07f6aa28c, refSpec: master}
    name: redis
    registry: incubator
name: guestbook
registries:
  incubator: {protocol: github, uri: github.com/ksonnet/parts/tree/master/incubator}
version: 0.0.1
)");
  auto r = sb.ks({"show", "prod"}, root);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, read(ks_test::source_path("tests/fixtures/ksonnet-app.prod.golden.yaml")));
  ks_test::write(root / "app.yaml", "apiVersion: 0.0.1\nkind: ksonnet.io/app\nname: x\n");
  auto old = sb.ks({"show", "prod"}, root);
  EXPECT_NE(old.code, 0);
  EXPECT_NE(old.err.find("app.yaml: apiVersion '0.0.1' is not supported"), std::string::npos)
      << old.err;
  ks_test::write(root / "app.yaml", "apiVersion: 0.3.0\nname: [\n");
  auto broken = sb.ks({"show", "prod"}, root);
  EXPECT_NE(broken.code, 0);
  EXPECT_NE(broken.err.find("app.yaml:"), std::string::npos) << broken.err;
}

}  // namespace
