// End-to-end: ks param set/unset/list/diff — typing, env scoping, format preservation.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "ks_test.h"

using ks_test::read;
using ks_test::Sandbox;
using ks_test::write;

namespace {

const char* kComponent = R"(local params = std.extVar("__ksonnet/params").components.c;
{
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name: "c" },
  data: { value: std.toString(params.value), type: std.type(params.value) },
}
)";

class ParamsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(sb.ks({"init", "app"}).code, 0);
    root = sb.root() / "app";
    write(root / "components/c.jsonnet", kComponent);
    ASSERT_EQ(ks({"env", "add", "gke", "--namespace", "ml"}).code, 0);
  }
  ks_test::Run ks(const std::vector<std::string>& args) { return sb.ks(args, root); }
  nlohmann::json data(const std::string& env) {
    auto r = ks({"show", env, "-o", "json"});
    EXPECT_EQ(r.code, 0) << r.err;
    return nlohmann::json::parse(r.out)["items"][0]["data"];
  }
  Sandbox sb;
  std::filesystem::path root;
};

TEST_F(ParamsTest, ValuesAreTypedAsKsonnetTypedThem) {
  struct Case {
    std::vector<std::string> extra;
    std::string input, type, shown;
  };
  std::vector<Case> cases = {
      {{}, "1", "number", "1"},
      {{}, "-3", "number", "-3"},
      {{}, "1.5", "number", "1.5"},
      {{}, "true", "boolean", "true"},
      {{}, "False", "boolean", "false"},
      {{}, "\"1\"", "string", "1"},
      {{"--as-string"}, "1", "string", "1"},
      {{}, "hello world", "string", "hello world"},
      {{}, "[1, 'two']", "array", "[1, \"two\"]"},
      {{}, "{a: {b: 1}}", "object", "{\"a\": {\"b\": 1}}"},
      {{}, "01", "string", "01"},
  };
  for (const auto& c : cases) {
    std::vector<std::string> args = {"param", "set", "c", "value", c.input};
    args.insert(args.end(), c.extra.begin(), c.extra.end());
    auto r = ks(args);
    ASSERT_EQ(r.code, 0) << c.input << ": " << r.err;
    auto d = data("default");
    EXPECT_EQ(d["type"], c.type) << c.input;
    EXPECT_EQ(d["value"], c.shown) << c.input;
  }
}

TEST_F(ParamsTest, EnvScopedParamsChangeOnlyThatEnv) {
  ASSERT_EQ(ks({"param", "set", "c", "value", "1"}).code, 0);
  ASSERT_EQ(ks({"param", "set", "--env=gke", "c", "value", "3"}).code, 0);
  EXPECT_EQ(data("gke")["value"], "3");
  EXPECT_EQ(data("gke")["type"], "number");
  EXPECT_EQ(data("default")["value"], "1");
  ASSERT_EQ(ks({"param", "unset", "--env=gke", "c", "value"}).code, 0);
  EXPECT_EQ(data("gke")["value"], "1");
}

TEST_F(ParamsTest, GlobalsReachEveryComponent) {
  ASSERT_EQ(ks({"param", "set", "c", "value", "1"}).code, 0);
  // A module global overrides the component's own value (ksonnet semantics).
  ASSERT_EQ(ks({"param", "set", "--global", "value", "7"}).code, 0);
  EXPECT_EQ(data("default")["value"], "7");
  // Env globals are added last, for that env only.
  ASSERT_EQ(ks({"param", "set", "--env=gke", "--global", "value", "9"}).code, 0);
  EXPECT_EQ(data("gke")["value"], "9");
  EXPECT_EQ(data("gke")["type"], "number");
  EXPECT_EQ(data("default")["value"], "7");
  ASSERT_EQ(ks({"param", "unset", "--global", "value"}).code, 0);
  EXPECT_EQ(data("default")["value"], "1");
}

// getting-started.md runs `ks param set --global team ml` after `ks import`: a strict API server
// would reject `team` at the root of the imported objects, so globals never reach them. A YAML
// component's own params still patch its root, as in ksonnet.
TEST_F(ParamsTest, GlobalsNeverLeakIntoImportedYamlComponents) {
  write(sb.root() / "in" / "cm.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: imported\ndata:\n  k: v\n");
  ASSERT_EQ(ks({"import", "-f", (sb.root() / "in" / "cm.yaml").string()}).code, 0);
  ASSERT_EQ(ks({"param", "set", "c", "value", "1"}).code, 0);
  ASSERT_EQ(ks({"param", "set", "--global", "team", "ml"}).code, 0);
  ASSERT_EQ(ks({"param", "set", "--env=gke", "--global", "region", "eu"}).code, 0);
  std::string yaml_component;
  for (const auto& e : std::filesystem::directory_iterator(root / "components"))
    if (e.path().extension() == ".yaml") yaml_component = e.path().stem().string();
  ASSERT_FALSE(yaml_component.empty());
  ASSERT_EQ(ks({"param", "set", yaml_component, "own", "kept"}).code, 0);
  ASSERT_EQ(ks({"param", "set", "--env=gke", yaml_component, "envown", "kept"}).code, 0);
  for (const std::string env : {"default", "gke"}) {
    auto r = ks({"show", env, "-o", "json"});
    ASSERT_EQ(r.code, 0) << r.err;
    int seen = 0;
    nlohmann::json shown = nlohmann::json::parse(r.out);
    for (const auto& item : shown["items"]) {
      std::string name = item["metadata"]["name"];
      if (name != "imported") continue;
      ++seen;
      EXPECT_FALSE(item.contains("team")) << env << ": " << item.dump();
      EXPECT_FALSE(item.contains("region")) << env << ": " << item.dump();
      EXPECT_EQ(item.value("own", ""), "kept") << env << ": " << item.dump();
      EXPECT_EQ(item.value("envown", ""), env == "gke" ? "kept" : "") << item.dump();
      EXPECT_EQ(item["data"], (nlohmann::json{{"k", "v"}}));
    }
    EXPECT_EQ(seen, 1) << r.out;
  }
  // Jsonnet components still see the globals through params.
  ASSERT_EQ(ks({"param", "set", "--global", "value", "7"}).code, 0);
  EXPECT_EQ(data("default")["value"], "7");
}

TEST_F(ParamsTest, EditsKeepCommentsOrderAndOtherEntries) {
  std::string hand_written = R"({
  // my globals
  global: {},
  components: {
    // keep this comment
    "c": {
      value: 1,  // inline note
      zeta: 'z',
      alpha: [1, 2],
    },
    other: { x: 1 },
  },
}
)";
  write(root / "components/params.libsonnet", hand_written);
  ASSERT_EQ(ks({"param", "set", "c", "value", "2"}).code, 0);
  std::string expected = hand_written;
  expected.replace(expected.find("value: 1"), 8, "value: 2");
  EXPECT_EQ(read(root / "components/params.libsonnet"), expected);
  ASSERT_EQ(ks({"param", "set", "c", "beta", "b"}).code, 0);
  std::string after = read(root / "components/params.libsonnet");
  EXPECT_NE(after.find("      alpha: [1, 2],\n      beta: \"b\",\n    },"), std::string::npos)
      << after;
  EXPECT_NE(after.find("// keep this comment"), std::string::npos);
  EXPECT_NE(after.find("other: { x: 1 }"), std::string::npos);
  ASSERT_EQ(ks({"param", "unset", "c", "beta"}).code, 0);
  EXPECT_EQ(read(root / "components/params.libsonnet"), expected);
}

TEST_F(ParamsTest, DottedKeysNestAndEnvOverridesMerge) {
  ASSERT_EQ(ks({"param", "set", "c", "value", "{requests: {cpu: 1}, limits: {cpu: 2}}"}).code, 0);
  ASSERT_EQ(ks({"param", "set", "--env=gke", "c", "value.limits.cpu", "4"}).code, 0);
  EXPECT_EQ(data("gke")["value"], R"({"limits": {"cpu": 4}, "requests": {"cpu": 1}})");
  EXPECT_EQ(data("default")["value"], R"({"limits": {"cpu": 2}, "requests": {"cpu": 1}})");
}

TEST_F(ParamsTest, BadInputFailsAndLeavesEveryFileByteIdentical) {
  ASSERT_EQ(ks({"param", "set", "c", "value", "1"}).code, 0);
  auto before = ks_test::snapshot(root);
  std::vector<std::vector<std::string>> bad = {
      {"param", "set", "nope", "value", "1"},
      {"param", "set", "--env=nope", "c", "value", "1"},
      {"param", "set", "c", "value", "[1,"},
      {"param", "set", "c", "value"},
      {"param", "set", "c", "a..b", "1"},
      {"param", "unset", "c", "missing"},
      {"param", "unset", "--env=gke", "c", "value"},
      {"env", "rm", "nope"},
      {"component", "rm", "nope"},
      {"show", "nope"},
  };
  for (const auto& args : bad) {
    auto r = ks(args);
    EXPECT_NE(r.code, 0) << args[1] << " " << args.back();
    EXPECT_EQ(r.err.rfind("error: ", 0), 0u) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_EQ(ks_test::snapshot(root), before) << args[1] << " " << args.back();
  }
}

TEST_F(ParamsTest, ListAndDiff) {
  ASSERT_EQ(ks({"param", "set", "c", "value", "hello"}).code, 0);
  ASSERT_EQ(ks({"param", "set", "c", "replicas", "1"}).code, 0);
  ASSERT_EQ(ks({"param", "set", "--env=gke", "c", "replicas", "3"}).code, 0);
  auto list = ks({"param", "list"});
  ASSERT_EQ(list.code, 0) << list.err;
  EXPECT_NE(list.out.find("COMPONENT PARAM    VALUE"), std::string::npos) << list.out;
  EXPECT_NE(list.out.find("c         value    'hello'"), std::string::npos) << list.out;
  auto json = ks({"param", "list", "--env=gke", "-o", "json"});
  ASSERT_EQ(json.code, 0) << json.err;
  EXPECT_EQ(nlohmann::json::parse(json.out)["c"]["replicas"], 3);
  auto diff = ks({"param", "diff", "default", "gke", "-o", "json"});
  ASSERT_EQ(diff.code, 0) << diff.err;
  auto rows = nlohmann::json::parse(diff.out);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0]["param"], "replicas");
  EXPECT_EQ(rows[0]["default"], 1);
  EXPECT_EQ(rows[0]["gke"], 3);
}

}  // namespace

namespace {

// ksonnet 0.13's `ks param set KEY VALUE --env E` (no component) sets E's global param, as
// `--global --env E` does; without --env two positionals are still an error.
TEST_F(ParamsTest, KsonnetEnvGlobalFormWithoutComponent) {
  auto r = ks({"param", "set", "value", "from-env-global", "--env", "gke"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(read(root / "environments/gke/globals.libsonnet").find("value: \"from-env-global\""),
            std::string::npos)
      << read(root / "environments/gke/globals.libsonnet");
  EXPECT_EQ(data("gke")["value"], "from-env-global");
  auto unset = ks({"param", "unset", "value", "--env", "gke"});
  EXPECT_EQ(unset.code, 0) << unset.err;
  EXPECT_EQ(read(root / "environments/gke/globals.libsonnet").find("from-env-global"),
            std::string::npos);
  auto bare = ks({"param", "set", "value", "x"});
  EXPECT_NE(bare.code, 0);
  EXPECT_NE(bare.err.find("expected COMPONENT KEY VALUE"), std::string::npos) << bare.err;
}

}  // namespace
