// ks upgrade: app.yaml of ksonnet's 0.1.0 / 0.2.0 schemas rewritten as 0.3.0.
#include <gtest/gtest.h>

#include "cli_util.h"

namespace {

namespace stdfs = std::filesystem;

using ks_test::Sandbox;

const char* kApp020 = R"(apiVersion: 0.2.0
kind: ksonnet.io/app
name: shop
version: 0.0.1
environments:
  prod:
    destination:
      namespace: shop
      server: https://k8s.example:443
    k8sVersion: v1.8.0
    path: prod
registries:
  incubator:
    protocol: github
    uri: github.com/ksonnet/parts/tree/master/incubator
libraries:
  redis:
    name: redis
    registry: incubator
    version: 5b4b4e9b6d0d3ae33c7d4d4f6a6e7d5f3a2b1c0d
)";

const char* kApp010 = R"(apiVersion: 0.1.0
kind: ksonnet.io/app
name: old
version: 0.0.1
registries:
  incubator:
    protocol: github
    uri: github.com/ksonnet/parts/tree/master/incubator
libraries:
  redis:
    name: redis
    registry: incubator
    gitVersion:
      commitSha: 40285d8a14f1ac5787e405e1023cf0c07f6aa28c
      refSpec: master
)";

stdfs::path write_app(const Sandbox& sb, const char* app_yaml) {
  auto dir = sb.root() / "app";
  ks_test::write(dir / "app.yaml", app_yaml);
  ks_test::write(dir / "components" / "params.libsonnet", "{ global: {}, components: {} }\n");
  return dir;
}

TEST(Upgrade, DryRunShowsTheDiffAndWritesNothing) {
  Sandbox sb;
  auto dir = write_app(sb, kApp020);
  auto r = sb.ks({"upgrade", "--dry-run"}, dir);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("--- app.yaml\n+++ app.yaml\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\n-apiVersion: 0.2.0\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\n+apiVersion: 0.3.0\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("+  incubator/redis:"), std::string::npos) << r.out;
  EXPECT_EQ(ks_test::read(dir / "app.yaml"), kApp020);
}

TEST(Upgrade, Rewrites020As030AndIsIdempotent) {
  Sandbox sb;
  auto dir = write_app(sb, kApp020);
  auto r = sb.ks({"upgrade"}, dir);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "upgraded app.yaml from apiVersion 0.2.0 to 0.3.0\n");
  std::string text = ks_test::read(dir / "app.yaml");
  EXPECT_EQ(text.rfind("apiVersion: 0.3.0\n", 0), 0u) << text;
  EXPECT_NE(text.find("incubator/redis:"), std::string::npos) << text;
  EXPECT_NE(text.find("namespace: shop"), std::string::npos) << text;
  auto again = sb.ks({"upgrade"}, dir);
  EXPECT_EQ(again.code, 0);
  EXPECT_EQ(again.out, "app.yaml is already apiVersion 0.3.0\n");
  EXPECT_EQ(ks_test::read(dir / "app.yaml"), text);
  // The upgraded app still works.
  auto envs = sb.ks({"env", "list", "-o", "json"}, dir);
  EXPECT_EQ(envs.code, 0) << envs.err;
  EXPECT_NE(envs.out.find("\"shop\""), std::string::npos) << envs.out;
}

TEST(Upgrade, Rewrites010GitVersionAsCommit) {
  Sandbox sb;
  auto dir = write_app(sb, kApp010);
  ASSERT_EQ(sb.ks({"upgrade"}, dir).code, 0);
  std::string text = ks_test::read(dir / "app.yaml");
  EXPECT_EQ(text.rfind("apiVersion: 0.3.0\n", 0), 0u) << text;
  EXPECT_EQ(text.find("gitVersion"), std::string::npos) << text;
  EXPECT_NE(text.find("commit: 40285d8a14f1ac5787e405e1023cf0c07f6aa28c"), std::string::npos)
      << text;
  EXPECT_NE(text.find("ref: master"), std::string::npos) << text;
}

TEST(Upgrade, OutsideAnAppIsAOneLineError) {
  Sandbox sb;
  auto r = sb.ks({"upgrade"});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err.rfind("error: ", 0), 0u) << r.err;
  EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << r.err;
}

}  // namespace
