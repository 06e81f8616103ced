#include <gtest/gtest.h>

#include "app/spec.h"
#include "base/error.h"
#include "base/yaml.h"

namespace {

TEST(Spec, MigratesOldSchemasAndWrites030) {
  auto spec = ks::app::parse_spec(R"(apiVersion: 0.1.0
kind: ksonnet.io/app
name: old
version: 0.0.1
environments:
  dev:
    destination: {namespace: ns, server: "https://x"}
    k8sVersion: v1.8.0
    path: dev
    targets: [foo/bar]
libraries:
  redis:
    name: redis
    registry: incubator
    gitVersion: {refSpec: master, commitSha: abc123}
registries:
  incubator: {protocol: github, uri: github.com/ksonnet/parts/tree/master/incubator, gitVersion: {refSpec: master}}
description: kept
)",
                                  "app.yaml");
  EXPECT_EQ(spec.environments.at("dev").targets, std::vector<std::string>{"foo.bar"});
  ASSERT_TRUE(spec.libraries.count("incubator/redis"));
  EXPECT_EQ(spec.libraries.at("incubator/redis").version, "abc123");
  EXPECT_EQ(spec.libraries.at("incubator/redis").ref, "master");
  auto out = ks::yaml::parse(ks::app::emit_spec(spec), "out");
  EXPECT_EQ(out["apiVersion"], "0.3.0");
  EXPECT_EQ(out["description"], "kept");
  EXPECT_EQ(out["libraries"]["incubator/redis"]["version"], "abc123");
  EXPECT_FALSE(out["registries"]["incubator"].contains("gitVersion"));
  // A round trip of what ks writes is stable.
  EXPECT_EQ(ks::app::emit_spec(ks::app::parse_spec(ks::app::emit_spec(spec), "x")),
            ks::app::emit_spec(spec));
}

TEST(Spec, OverridesWinButAreNotWritten) {
  auto spec = ks::app::parse_spec(
      "apiVersion: 0.3.0\nkind: ksonnet.io/app\nname: a\nenvironments:\n  dev:\n"
      "    destination: {namespace: a, server: s}\n    path: dev\n",
      "app.yaml");
  ks::app::apply_override(
      spec,
      "apiVersion: 0.3.0\nkind: ksonnet.io/app-override\nenvironments:\n  dev:\n"
      "    destination: {namespace: b, server: s2}\n    path: dev\n",
      "app.override.yaml");
  EXPECT_EQ(spec.find_env("dev")->ns, "b");
  auto out = ks::yaml::parse(ks::app::emit_spec(spec), "out");
  EXPECT_EQ(out["environments"]["dev"]["destination"]["namespace"], "a");
}

TEST(Spec, ErrorsNameTheFileAndField) {
  auto expect_error = [](const std::string& text, const std::string& needle) {
    try {
      ks::app::parse_spec(text, "app.yaml");
      ADD_FAILURE() << "no error for " << text;
    } catch (const ks::Error& e) {
      EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
    }
  };
  expect_error("", "app.yaml: file is empty");
  expect_error("name: a\n", "'apiVersion' is missing");
  expect_error("apiVersion: 9.9.9\n", "apiVersion '9.9.9' is not supported");
  expect_error("apiVersion: 0.3.0\nkind: other\n", "expected ksonnet.io/app");
  expect_error("apiVersion: 0.3.0\nenvironments: [1]\n", "'environments' must be a mapping");
  expect_error("apiVersion: 0.3.0\nenvironments:\n  a:\n    targets: x\n",
               "'environments.a.targets' must be a list");
}

}  // namespace
