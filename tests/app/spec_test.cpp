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

// `ks show` reads environments/PATH/main.jsonnet; PATH must not lead outside environments/.
TEST(Spec, EnvPathsThatLeaveEnvironmentsAreRefused) {
  auto error_of = [](const std::string& env_yaml, bool as_override) {
    std::string text =
        "apiVersion: 0.3.0\nkind: ksonnet.io/app\nname: a\nenvironments:\n" + env_yaml;
    try {
      if (as_override) {
        auto spec = ks::app::parse_spec("apiVersion: 0.3.0\nname: a\n", "app.yaml");
        ks::app::apply_override(spec, text, "app.override.yaml");
      } else {
        ks::app::parse_spec(text, "app.yaml");
      }
    } catch (const ks::Error& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  EXPECT_EQ(error_of("  prod:\n    path: /etc\n", false),
            "app.yaml: environment 'prod': path '/etc' is absolute; an env's path is a folder "
            "under environments/ (like 'prod' or 'us-west/prod')");
  EXPECT_NE(error_of("  prod:\n    path: ../../escape\n", false)
                .find("app.yaml: environment 'prod': path '../../escape' contains '..'"),
            std::string::npos);
  EXPECT_NE(error_of("  ../up: {}\n", false).find("environment '../up': path '../up'"),
            std::string::npos);
  EXPECT_NE(
      error_of("  p:\n    path: a/../../b\n", true).rfind("app.override.yaml: environment", 0),
      std::string::npos);
  EXPECT_NE(error_of("  p:\n    path: 'C:\\\\x'\n", false).find("is absolute"), std::string::npos);
  EXPECT_EQ(error_of("  us-west/prod: {}\n  b:\n    path: team/b\n", false), "");
}

}  // namespace
