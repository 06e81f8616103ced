// End-to-end: the evaluation environment ksonnet 0.13 gave components (ext vars in components and
// in every file they import, on the fast pasted path and the custom main.jsonnet path), and the
// isolation of pasted components from each other.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "ks_test.h"

using ks_test::Sandbox;
using ks_test::write;

namespace {

// Both render paths: the stock main.jsonnet (components pasted into one program per thread)
// and a customised one (components reach main.jsonnet through __ksonnet/components).
class KsonnetEnvTest : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    ASSERT_EQ(sb.ks({"init", "app"}).code, 0);
    root = sb.root() / "app";
    if (GetParam()) {
      write(root / "environments/default/main.jsonnet",
            "local base = import \"base.libsonnet\";\nbase + { custom:: true }\n");
    }
  }
  ks_test::Run ks(const std::vector<std::string>& args) { return sb.ks(args, root); }
  nlohmann::json items(std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"show", "default", "-o", "json"};
    args.insert(args.end(), extra.begin(), extra.end());
    auto r = ks(args);
    EXPECT_EQ(r.code, 0) << r.err;
    return r.code == 0 ? nlohmann::json::parse(r.out)["items"] : nlohmann::json::array();
  }
  nlohmann::json by_name(const nlohmann::json& objs, const std::string& name) {
    for (const auto& o : objs)
      if (o["metadata"]["name"] == name) return o;
    ADD_FAILURE() << "no object named " << name << " in " << objs.dump();
    return nlohmann::json::object();
  }
  void two_plain_components() {
    write(root / "components/web.jsonnet",
          R"([{ apiVersion: "v1", kind: "Service", metadata: { name: "web" } },
 { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web" } }])");
    write(root / "components/db.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: db\n");
  }
  Sandbox sb;
  std::filesystem::path root;
};

INSTANTIATE_TEST_SUITE_P(RenderPaths, KsonnetEnvTest, ::testing::Values(false, true),
                         [](const auto& info) { return info.param ? "CustomMain" : "Pasted"; });

// ksonnet 0.12+: std.extVar("__ksonnet/components") has one field per component of the env.
TEST_P(KsonnetEnvTest, ComponentListsTheNamesOfAllComponentsUnderDashC) {
  two_plain_components();
  write(root / "components/app.jsonnet",
        R"({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "app" },
  data: { names: std.join(",", std.objectFields(std.extVar("__ksonnet/components"))) } })");
  auto objs = items({"-c", "app"});
  ASSERT_EQ(objs.size(), 1u) << objs.dump();
  EXPECT_EQ(objs[0]["data"]["names"], "app,db,web");
}

// Lazy fields: a component may read the others' objects (not its own) without a cycle.
TEST_P(KsonnetEnvTest, ComponentCountsTheObjectsOfTheOthersUnderDashC) {
  two_plain_components();
  write(root / "components/app.jsonnet",
        R"(local all = std.extVar("__ksonnet/components");
local count(v) = if std.type(v) == "array" then std.length(v) else 1;
local others = [c for c in std.objectFields(all) if c != "app"];
{ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "app" },
  data: { objects: std.toString(std.foldl(function(n, c) n + count(all[c]), others, 0)),
          kinds: std.join(",", [o.kind for o in all.web] + [all.db.kind]) } })");
  auto objs = items({"-c", "app"});
  ASSERT_EQ(objs.size(), 1u) << objs.dump();
  EXPECT_EQ(objs[0]["data"]["objects"], "3");
  EXPECT_EQ(objs[0]["data"]["kinds"], "Service,Deployment,ConfigMap");
  // Without -c every component renders, app included.
  EXPECT_EQ(items().size(), 4u);
}

// The three ext vars in a .libsonnet a component imports, read on its first line (components/
// and lib/), not only in the component itself.
TEST_P(KsonnetEnvTest, ExtVarsWorkInEveryImportedFile) {
  two_plain_components();
  write(root / "components/helper.libsonnet",
        "local p = std.extVar(\"__ksonnet/params\"); local e = "
        "std.extVar(\"__ksonnet/environments\");\n{ replicas: p.components.app.replicas, ns: "
        "e.namespace }\n");
  write(root / "lib/names.libsonnet", "std.objectFields(std.extVar(\"__ksonnet/components\"))\n");
  write(root / "components/app.jsonnet",
        R"(local h = import "helper.libsonnet";
{ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "app" },
  data: { replicas: std.toString(h.replicas), ns: h.ns,
          names: std.join(",", import "names.libsonnet") } })");
  ASSERT_EQ(ks({"param", "set", "app", "replicas", "3"}).code, 0);
  auto app = by_name(items(), "app");
  EXPECT_EQ(app["data"],
            (nlohmann::json{{"replicas", "3"}, {"ns", "default"}, {"names", "app,db,web"}}));
}

// ksonnet 0.13 gave exactly {server, namespace}: packages do `params = _params + _env`, so an
// extra field (the env's name) would overwrite their own `name` param.
TEST_P(KsonnetEnvTest, EnvironmentsIsExactlyServerAndNamespace) {
  write(root / "components/app.jsonnet",
        R"(local env = std.extVar("__ksonnet/environments");
local params = { name: "mine" } + env;
{ apiVersion: "v1", kind: "ConfigMap", metadata: { name: params.name },
  data: { fields: std.join(",", std.objectFields(env)) } })");
  write(root / "components/lib.libsonnet", "std.extVar(\"__ksonnet/environments\")\n");
  write(root / "components/viaimport.jsonnet",
        R"({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "viaimport" },
  data: { fields: std.join(",", std.objectFields(import "lib.libsonnet")) } })");
  auto objs = items();
  EXPECT_EQ(by_name(objs, "mine")["data"]["fields"], "namespace,server");
  EXPECT_EQ(by_name(objs, "viaimport")["data"]["fields"], "namespace,server");
}

// Issue 17 item 11: a component that is not valid jsonnet on its own is refused, and cannot
// rewrite another component's output by escaping its paste.
TEST_P(KsonnetEnvTest, ComponentEscapingItsPasteIsRefusedAndChangesNothing) {
  // Pasted in file order: the attacker (a) comes before its victim (z).
  write(
      root / "components/z.jsonnet",
      R"({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "z" }, data: { image: std.extVar("__ksonnet/params").components.z.image } })");
  ASSERT_EQ(ks({"param", "set", "z", "image", "real/image:1"}).code, 0);
  write(root / "components/a.jsonnet",
        "{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } });\n"
        "local std = __ks_s { extVar(n):: { components: { z: { image: 'attacker/evil:latest' } } } "
        "};\n"
        "local __ks_pad = (null\n");
  auto all = ks({"show", "default"});
  EXPECT_EQ(all.code, 1);
  EXPECT_NE(all.err.find("components/a.jsonnet:1:"), std::string::npos) << all.err;
  EXPECT_NE(all.err.find("syntax error"), std::string::npos) << all.err;
  EXPECT_EQ(all.out.find("attacker"), std::string::npos) << all.out;
  // Rendering only the honest component is untouched by the other one.
  auto objs = items({"-c", "z"});
  ASSERT_EQ(objs.size(), 1u);
  EXPECT_EQ(objs[0]["data"]["image"], "real/image:1");
}

// Issue 17 item 12: syntax errors name the component's own file, line and column.
TEST_P(KsonnetEnvTest, SyntaxErrorsNameTheComponentFileLineAndColumn) {
  write(root / "components/ok.jsonnet",
        R"({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "ok" } })");
  struct Case {
    std::string text, where;
  };
  for (const Case& c :
       std::vector<Case>{{"{ a: 1\n", "components/bad.jsonnet:2:1: syntax error"},
                         {"\n\n  { a: 'open }\n", "components/bad.jsonnet:3:8: syntax error"},
                         {"local x = 1;\n", "components/bad.jsonnet:2:1: syntax error"},
                         {"", "components/bad.jsonnet:1:1: syntax error"}}) {
    write(root / "components/bad.jsonnet", c.text);
    auto r = ks({"show", "default"});
    EXPECT_EQ(r.code, 1) << c.text;
    EXPECT_NE(r.err.find(c.where), std::string::npos) << c.text << "\n" << r.err;
    EXPECT_EQ(r.err.find(".ks-"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("internal error"), std::string::npos) << r.err;
  }
}

}  // namespace

namespace {

class KsonnetDialectTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(sb.ks({"init", "app"}).code, 0);
    root = sb.root() / "app";
  }
  ks_test::Run show() { return sb.ks({"show", "default", "-o", "json"}, root); }
  nlohmann::json data_of(const std::string& component_text) {
    write(root / "components/c.jsonnet", component_text);
    auto r = show();
    EXPECT_EQ(r.code, 0) << r.err;
    return r.code == 0 ? nlohmann::json::parse(r.out)["items"][0]["data"] : nlohmann::json();
  }
  Sandbox sb;
  std::filesystem::path root;
};

// Issue 13 item 4: the minimal k.libsonnet says what it lacks and how to get the full one.
TEST_F(KsonnetDialectTest, MinimalKLibsonnetNamesTheMissingMemberAndTheCommand) {
  write(root / "vendor/kf/openvino/openvino.libsonnet",
        "local k = import 'k.libsonnet';\n{\n  all(name):: [\n    k.core.v1.service.new(name, "
        "{app: name}, []),\n  ],\n}\n");
  write(root / "components/ov.jsonnet",
        "local ov = import 'kf/openvino/openvino.libsonnet';\nov.all('ov')\n");
  auto r = sb.ks({"show", "default"}, root);
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("vendor/kf/openvino/openvino.libsonnet:4:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("field does not exist: service"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("minimal ksonnet-lib, which has no `service`"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("`ks lib generate --env default`"), std::string::npos) << r.err;
  // A missing field that has nothing to do with k.libsonnet gets no such hint.
  std::filesystem::remove(root / "components/ov.jsonnet");
  write(root / "components/plain.jsonnet", "local o = { a: 1 };\no.b\n");
  auto plain = sb.ks({"show", "default"}, root);
  EXPECT_EQ(plain.code, 1);
  EXPECT_NE(plain.err.find("field does not exist: b"), std::string::npos) << plain.err;
  EXPECT_EQ(plain.err.find("ks lib generate"), std::string::npos) << plain.err;
}

// A fresh clone of a ksonnet app has no lib/ (ksonnet git-ignored it and downloaded it).
TEST_F(KsonnetDialectTest, MissingKLibsonnetSaysHowToGenerateIt) {
  std::filesystem::remove_all(root / "lib");
  write(root / "components/c.jsonnet", "local k = import 'k.libsonnet';\nk.core.v1.list.new([])\n");
  auto r = sb.ks({"show", "default"}, root);
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("components/c.jsonnet:1:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("`ks env set default --api-spec file:SWAGGER.json`"), std::string::npos)
      << r.err;
}

// go-jsonnet 0.11.2 (ksonnet): unary + is the identity on every type; libjsonnet 0.18 errors.
// ks rewrites it, in components and in every file they import.
TEST_F(KsonnetDialectTest, UnaryPlusOnAStringIsTheIdentityAsInKsonnet) {
  write(root / "components/tmpl.libsonnet",
        "{ name: + 'checkout', obj: + { a: 1 }, arr: + [1], n: + 2, sum: 1 + + 2, "
        "field+: 'x' }\n");
  auto data = data_of(R"(local template = import "tmpl.libsonnet";
{ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" },
  data: { step_name: + template.name, keys: std.join(",", std.objectFields(+template.obj)),
          arr: std.toString(+ template.arr), n: std.toString(template.n + template.sum),
          unchanged: "a + b", field: template.field, concat: "x" + + "y" } })");
  EXPECT_EQ(data, (nlohmann::json{{"step_name", "checkout"},
                                  {"keys", "a"},
                                  {"arr", "[1]"},
                                  {"n", "5"},
                                  {"unchanged", "a + b"},
                                  {"field", "x"},
                                  {"concat", "xy"}}));
}

// Deliberate differences: what go-jsonnet 0.11.2 accepted by accident fails in ks with a hint.
TEST_F(KsonnetDialectTest, DuplicateParametersAndNegativeShiftsFailWithWhatKsonnetDid) {
  write(root / "components/c.jsonnet",
        "local f(a, a) = a;\n{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: f(1, 'c') } "
        "}\n");
  auto dup = sb.ks({"show", "default"}, root);
  EXPECT_EQ(dup.code, 1);
  EXPECT_NE(dup.err.find("components/c.jsonnet:1:"), std::string::npos) << dup.err;
  EXPECT_NE(dup.err.find("let the last one win"), std::string::npos) << dup.err;
  write(root / "components/c.jsonnet",
        "{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { x: "
        "std.toString(1 << -1) } }\n");
  auto shift = sb.ks({"show", "default"}, root);
  EXPECT_EQ(shift.code, 1);
  EXPECT_NE(shift.err.find("gave 0"), std::string::npos) << shift.err;
}

// go-jsonnet 0.11.2's std.manifestYamlDoc wrote nested arrays as `- - 1\n- 2` (which YAML reads
// as [[1], 2]) and a space after a key holding a list; ks keeps libjsonnet 0.18's correct text.
TEST_F(KsonnetDialectTest, ManifestYamlDocWritesValidYamlNotGoJsonnet011s) {
  auto data = data_of(R"({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" },
  data: { y: std.manifestYamlDoc({ a: [[1, 2], 3] }) } })");
  EXPECT_EQ(data["y"], "\"a\":\n-\n  - 1\n  - 2\n- 3");
}

// Functions libjsonnet 0.18 has and go-jsonnet 0.11.2 lacked or restricted work (a superset).
TEST_F(KsonnetDialectTest, LaterStdFunctionsAndLenientSubstrWork) {
  auto data = data_of(R"({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" },
  data: { sub: std.substr("hello", 1, 10), member: std.toString(std.member([1], 1)),
          less: std.toString([1, 2] < [1, 3]) } })");
  EXPECT_EQ(data, (nlohmann::json{{"sub", "ello"}, {"member", "true"}, {"less", "true"}}));
}

}  // namespace

namespace {

// Under -c only the selected components must parse; a broken one read through
// __ksonnet/components reports its own error.
TEST(KsonnetEnvSelection, BrokenUnselectedComponentsFailOnlyWhenRead) {
  Sandbox sb;
  ASSERT_EQ(sb.ks({"init", "app"}).code, 0);
  auto root = sb.root() / "app";
  write(root / "components/bad.jsonnet", "{ a: 1\n");
  write(root / "components/badyaml.yaml", "a: [1\n");
  write(root / "components/ok.jsonnet",
        R"({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "ok" } })");
  write(root / "components/reader.jsonnet",
        R"({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "reader" },
  data: { bad: std.toString(std.extVar("__ksonnet/components").bad) } })");
  auto ok = sb.ks({"show", "default", "-c", "ok"}, root);
  EXPECT_EQ(ok.code, 0) << ok.err;
  auto reader = sb.ks({"show", "default", "-c", "reader"}, root);
  EXPECT_EQ(reader.code, 1);
  EXPECT_NE(reader.err.find("components/bad.jsonnet:2:1: syntax error"), std::string::npos)
      << reader.err;
  auto all = sb.ks({"show", "default"}, root);
  EXPECT_EQ(all.code, 1);
}

}  // namespace
