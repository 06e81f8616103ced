// End-to-end: ks show — the pipeline, output formats and errors.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "ks_test.h"

using ks_test::read;
using ks_test::Sandbox;
using ks_test::write;

namespace {

class ShowTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(sb.ks({"init", "app"}).code, 0);
    root = sb.root() / "app";
  }
  ks_test::Run ks(const std::vector<std::string>& args) { return sb.ks(args, root); }
  nlohmann::json items(const std::string& env, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"show", env, "-o", "json"};
    args.insert(args.end(), extra.begin(), extra.end());
    auto r = ks(args);
    EXPECT_EQ(r.code, 0) << r.err;
    return r.code == 0 ? nlohmann::json::parse(r.out)["items"] : nlohmann::json::array();
  }
  Sandbox sb;
  std::filesystem::path root;
};

// The issue's "done when" flow.
TEST_F(ShowTest, EnvParamRendersOnlyForThatEnv) {
  ASSERT_EQ(ks({"env", "add", "gke", "--namespace", "ml"}).code, 0);
  write(root / "components/c.jsonnet",
        R"(local params = std.extVar("__ksonnet/params").components.c;
{ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "c" }, spec: { replicas: params.replicas } }
)");
  ASSERT_EQ(ks({"param", "set", "c", "replicas", "1"}).code, 0);
  ASSERT_EQ(ks({"param", "set", "--env=gke", "c", "replicas", "3"}).code, 0);
  auto gke = ks({"show", "gke"});
  ASSERT_EQ(gke.code, 0) << gke.err;
  EXPECT_NE(gke.out.find("  replicas: 3\n"), std::string::npos) << gke.out;
  EXPECT_NE(gke.out.find("  namespace: ml\n"), std::string::npos);
  auto def = ks({"show", "default"});
  EXPECT_NE(def.out.find("  replicas: 1\n"), std::string::npos) << def.out;
}

TEST_F(ShowTest, ListsArraysAndObjectsAreFlattenedLabelledNamespacedAndSorted) {
  write(root / "components/a.jsonnet", R"([
  { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web" } },
  { apiVersion: "v1", kind: "Service", metadata: { name: "web", namespace: "other" } },
])");
  write(root / "components/b.jsonnet", R"(local k = import "k.libsonnet";
k.core.v1.list.new([
  { apiVersion: "v1", kind: "Namespace", metadata: { name: "team" } },
  { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", metadata: { name: "reader" } },
  { apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w" } },
  { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cfg" } },
]))");
  auto objs = items("default");
  ASSERT_EQ(objs.size(), 6u);
  std::vector<std::string> order;
  for (const auto& o : objs)
    order.push_back(o["kind"].get<std::string>() + "/" + o["metadata"]["name"].get<std::string>());
  // Cluster-scoped and unknown kinds (no namespace) first, then by namespace and kind rank.
  EXPECT_EQ(order, (std::vector<std::string>{"Namespace/team", "ClusterRole/reader", "Widget/w",
                                             "ConfigMap/cfg", "Deployment/web", "Service/web"}));
  EXPECT_FALSE(objs[0]["metadata"].contains("namespace"));
  EXPECT_FALSE(objs[2]["metadata"].contains("namespace"));  // unknown kind: left for discovery
  EXPECT_EQ(objs[3]["metadata"]["namespace"], "default");
  EXPECT_EQ(objs[5]["metadata"]["namespace"], "other");
  EXPECT_EQ(objs[3]["metadata"]["labels"]["ksonnet.io/component"], "b");
  EXPECT_EQ(objs[4]["metadata"]["labels"]["ksonnet.io/component"], "a");
}

TEST_F(ShowTest, CrdsInTheAppMakeTheirKindsNamespaced) {
  write(root / "components/crd.yaml", R"(apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  scope: Namespaced
  names: {kind: Widget, plural: widgets}
)");
  write(root / "components/w.jsonnet",
        R"({ apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w" } })");
  auto objs = items("default");
  ASSERT_EQ(objs.size(), 2u);
  EXPECT_EQ(objs[1]["kind"], "Widget");
  EXPECT_EQ(objs[1]["metadata"]["namespace"], "default");
}

TEST_F(ShowTest, YamlOutputQuotesStringsThatLookLikeOtherTypes) {
  write(root / "components/c.jsonnet",
        R"({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" },
  data: { a: "0", b: "true", c: "null", d: "1e3", e: "~", f: "plain", g: "two\nlines\n", h: "", i: "x: y" } })");
  auto r = ks({"show", "default"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, R"(---
apiVersion: v1
data:
  a: "0"
  b: "true"
  c: "null"
  d: "1e3"
  e: "~"
  f: plain
  g: |
    two
    lines
  h: ""
  i: "x: y"
kind: ConfigMap
metadata:
  labels:
    ksonnet.io/component: c
  name: c
  namespace: default
)");
}

TEST_F(ShowTest, MultiDocumentYamlComponentsRenderEveryObject) {
  write(root / "components/two.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: one\n---\napiVersion: v1\nkind: "
        "Secret\nmetadata:\n  name: two\n");
  auto objs = items("default");
  ASSERT_EQ(objs.size(), 2u);
  EXPECT_EQ(objs[0]["kind"], "Secret");
  EXPECT_EQ(objs[1]["kind"], "ConfigMap");
  EXPECT_EQ(objs[1]["metadata"]["labels"]["ksonnet.io/component"], "two");
}

TEST_F(ShowTest, ComponentFilterAndUnknownComponent) {
  write(root / "components/a.jsonnet",
        R"({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a" } })");
  write(root / "components/b.jsonnet",
        R"({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "b" } })");
  EXPECT_EQ(items("default", {"-c", "b"}).size(), 1u);
  EXPECT_EQ(items("default", {"-c", "a", "-c", "b"}).size(), 2u);
  auto r = ks({"show", "default", "-c", "zzz"});
  EXPECT_NE(r.code, 0);
  EXPECT_NE(r.err.find("component 'zzz' does not exist (components: a, b)"), std::string::npos)
      << r.err;
}

TEST_F(ShowTest, JsonnetErrorsNameTheComponentFileAndLine) {
  write(root / "components/good.jsonnet",
        R"({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "g" } })");
  write(root / "components/bad.jsonnet",
        "local x = 1;\n{\n  apiVersion: 'v1',\n  kind: error 'boom',\n}\n");
  auto before = ks_test::snapshot(root);
  auto r = ks({"show", "default"});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err.rfind("error: components/bad.jsonnet:4:9", 0), 0u) << r.err;
  EXPECT_NE(r.err.find("boom"), std::string::npos);
  write(root / "components/bad.jsonnet", "{\n  a: ,\n}\n");
  auto s = ks({"show", "default"});
  EXPECT_EQ(s.code, 1);
  EXPECT_EQ(s.err.rfind("error: components/bad.jsonnet:2:", 0), 0u) << s.err;
  EXPECT_NE(s.err.find("syntax error"), std::string::npos) << s.err;
  write(root / "components/bad.jsonnet",
        "local p = std.extVar('__ksonnet/params').components.bad;\n{ a: p.missing }\n");
  auto m = ks({"show", "default"});
  EXPECT_EQ(m.code, 1);
  EXPECT_EQ(m.err.rfind("error: components/bad.jsonnet:2:", 0), 0u) << m.err;
  EXPECT_NE(m.err.find("field does not exist: missing"), std::string::npos) << m.err;
  std::filesystem::remove(root / "components/bad.jsonnet");
  auto after = ks_test::snapshot(root);
  after.erase("components/bad.jsonnet");
  before.erase("components/bad.jsonnet");
  EXPECT_EQ(after, before);
}

TEST_F(ShowTest, BadComponentValuesAreNamed) {
  write(root / "components/n.jsonnet", "42\n");
  auto r = ks({"show", "default"});
  EXPECT_NE(r.code, 0);
  EXPECT_NE(r.err.find("components/n.jsonnet: component 'n' must evaluate to an object"),
            std::string::npos)
      << r.err;
  write(root / "components/n.jsonnet", "{ kind: 'ConfigMap', metadata: { name: 'x' } }\n");
  auto k = ks({"show", "default"});
  EXPECT_NE(k.err.find("without apiVersion"), std::string::npos) << k.err;
}

TEST_F(ShowTest, CustomMainJsonnetOverridesComponents) {
  write(root / "components/web.jsonnet",
        R"({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "web" } })");
  write(root / "environments/default/main.jsonnet", R"(local base = import "base.libsonnet";
base + {
  web+: { metadata+: { labels+: { team: std.extVar("team") } } },
}
)");
  auto objs = items("default", {"-V", "team=ml"});
  ASSERT_EQ(objs.size(), 1u);
  EXPECT_EQ(objs[0]["metadata"]["labels"]["team"], "ml");
  EXPECT_EQ(objs[0]["metadata"]["labels"]["ksonnet.io/component"], "web");
}

TEST_F(ShowTest, ImportsResolveFromComponentsLibVendorAndJpath) {
  write(root / "components/helper.libsonnet", "{ name: 'from-components' }\n");
  write(root / "lib/mylib.libsonnet", "{ name: 'from-lib' }\n");
  write(root / "vendor/reg/pkg/p.libsonnet", "{ name: 'from-vendor' }\n");
  write(sb.root() / "extra/x.libsonnet", "{ name: 'from-jpath' }\n");
  write(root / "components/c.jsonnet", R"(local a = import "helper.libsonnet";
local b = import "mylib.libsonnet";
local c = import "reg/pkg/p.libsonnet";
local d = import "x.libsonnet";
local env = std.extVar("__ksonnet/environments");
{ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" },
  data: { a: a.name, b: b.name, c: c.name, d: d.name, ns: env.namespace } })");
  auto objs = items("default", {"-J", (sb.root() / "extra").string()});
  ASSERT_EQ(objs.size(), 1u);
  EXPECT_EQ(objs[0]["data"], (nlohmann::json{{"a", "from-components"},
                                             {"b", "from-lib"},
                                             {"c", "from-vendor"},
                                             {"d", "from-jpath"},
                                             {"ns", "default"}}));
}

TEST_F(ShowTest, NativeFunctions) {
  write(root / "components/c.jsonnet",
        R"js({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" },
  data: { y: std.toString(std.native("parseYaml")("a: 1\n---\nb: [x]\n")),
          j: std.toString(std.native("parseJson")('{"k": true}')),
          m: std.toString(std.native("regexMatch")("^a.c$", "abc")),
          i: std.toString(std.native("regexMatch")("(?i)^(?P<word>ABC)$", "abc")),
          n: std.native("regexSubst")("(?P<k>\\w+)=(?P<v>\\w+)", "a=b", "${v}=$k"),
          s: std.native("regexSubst")("b+", "abbbc", "X"),
          e: std.native("escapeStringRegex")("a.b*") } })js");
  auto objs = items("default");
  ASSERT_EQ(objs.size(), 1u);
  EXPECT_EQ(objs[0]["data"]["y"], R"([{"a": 1}, {"b": ["x"]}])");
  EXPECT_EQ(objs[0]["data"]["j"], R"({"k": true})");
  EXPECT_EQ(objs[0]["data"]["m"], "true");
  EXPECT_EQ(objs[0]["data"]["i"], "true");  // Go (RE2) syntax, as in ksonnet
  EXPECT_EQ(objs[0]["data"]["n"], "b=a");
  EXPECT_EQ(objs[0]["data"]["s"], "aXc");
  EXPECT_EQ(objs[0]["data"]["e"], "a\\.b\\*");
}

// kubectl resolves YAML merge keys; so do `ks import` and std.native('parseYaml'). Aliases that
// refer to themselves are a one-line error naming the file, in every YAML ks reads.
TEST_F(ShowTest, YamlMergeKeysAreResolvedAndSelfReferencesRefused) {
  const std::string merged = R"(apiVersion: v1
kind: ConfigMap
metadata:
  labels: &l {app: web, tier: front}
  annotations:
    <<: *l
    tier: back
  name: merged
)";
  write(sb.root() / "in.yaml", merged);
  ASSERT_EQ(ks({"import", "-f", (sb.root() / "in.yaml").string()}).code, 0);
  write(root / "components/parsed.jsonnet",
        "std.native('parseYaml')(importstr 'parsed.txt')[0] + {metadata+: {name: 'parsed'}}\n");
  write(root / "components/parsed.txt", merged);
  nlohmann::json want = {{"app", "web"}, {"tier", "back"}};
  int seen = 0;
  for (const auto& item : items("default")) {
    ++seen;
    EXPECT_EQ(item["metadata"]["annotations"], want) << item.dump();
    EXPECT_EQ(item["metadata"]["labels"].value("tier", ""), "front") << item.dump();
  }
  EXPECT_EQ(seen, 2);
  for (const auto& e : std::filesystem::directory_iterator(root / "components")) {
    if (e.path().extension() == ".yaml") {  // the imported component: merged when written
      EXPECT_EQ(read(e.path()).find("<<"), std::string::npos) << e.path();
    }
  }

  write(root / "components/parsed.txt", "a: &a [*a]\n");
  auto parsed = ks({"show", "default"});
  EXPECT_EQ(parsed.code, 1);
  EXPECT_NE(parsed.err.find("components/parsed.jsonnet"), std::string::npos) << parsed.err;
  EXPECT_NE(parsed.err.find("YAML alias *a refers to a node that contains it"), std::string::npos)
      << parsed.err;
  std::filesystem::remove(root / "components/parsed.jsonnet");
  write(sb.root() / "self.yaml", "apiVersion: v1\nkind: &k [*k]\nmetadata: {name: x}\n");
  auto imported = ks({"import", "-f", (sb.root() / "self.yaml").string()});
  EXPECT_EQ(imported.code, 1);
  EXPECT_EQ(imported.err, "error: " + (sb.root() / "self.yaml").string() +
                              ":2:11: YAML alias *k refers to a node that contains it (a cycle); "
                              "use a separate anchor\n");
}

TEST_F(ShowTest, RefusesToRenderADriftedPackage) {
  write(sb.root() / "reg/registry.yaml",
        "apiVersion: 0.2.0\nkind: ksonnet.io/registry\nlibraries:\n  p:\n    path: p\n    version: "
        "master\n");
  write(sb.root() / "reg/p/parts.yaml",
        "apiVersion: 0.0.1\nkind: ksonnet.io/parts\nname: p\ndescription: d\n");
  write(sb.root() / "reg/p/p.libsonnet", "{ name: 'from-p' }\n");
  ASSERT_EQ(ks({"registry", "add", "reg", (sb.root() / "reg").string()}).code, 0);
  ASSERT_EQ(ks({"pkg", "install", "reg/p"}).code, 0);
  write(root / "components/c.jsonnet",
        "{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: (import "
        "'reg/p/p.libsonnet').name } }\n");
  EXPECT_EQ(items("default").size(), 1u);
  write(root / "vendor/reg/p/p.libsonnet", "{ name: 'tampered' }\n");
  auto r = ks({"show", "default"});
  EXPECT_NE(r.code, 0);
  EXPECT_NE(r.err.find("vendored package reg/p"), std::string::npos) << r.err;
  EXPECT_EQ(r.out, "");

  // Comparing two envs renders too, so it refuses the same way (it once skipped the check).
  ASSERT_EQ(ks({"env", "add", "other", "--server", "https://10.0.0.1:6443"}).code, 0);
  auto two = ks({"diff", "default", "other"});
  EXPECT_EQ(two.code, 2) << two.out;
  EXPECT_EQ(two.err, r.err);
  EXPECT_EQ(two.out, "");
}

TEST_F(ShowTest, CurrentEnvIsTheDefault) {
  write(root / "components/a.jsonnet",
        R"({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a" } })");
  auto none = ks({"show"});
  EXPECT_NE(none.code, 0);
  EXPECT_NE(none.err.find("ks env current --set"), std::string::npos);
  ASSERT_EQ(ks({"env", "current", "--set", "default"}).code, 0);
  EXPECT_EQ(ks({"show"}).code, 0);
}

TEST_F(ShowTest, ManyComponentsRenderAcrossThreadsIdentically) {
  for (int i = 0; i < 40; ++i) {
    write(root / ("components/c" + std::to_string(i) + ".jsonnet"),
          "local p = std.extVar('__ksonnet/params').components['c" + std::to_string(i) +
              "'];\n{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c" +
              std::to_string(i) + "' }, data: { v: std.toString(p.v) } }\n");
    ASSERT_EQ(ks({"param", "set", "c" + std::to_string(i), "v", std::to_string(i)}).code, 0);
  }
  auto objs = items("default");
  ASSERT_EQ(objs.size(), 40u);
  for (const auto& o : objs) {
    std::string name = o["metadata"]["name"];
    EXPECT_EQ(o["data"]["v"], name.substr(1));
  }
}

}  // namespace
