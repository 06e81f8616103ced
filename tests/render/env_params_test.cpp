// An env's params.libsonnet computed without jsonnet (render/stock.h) must give exactly what
// evaluating the file gives; any other shape of file is left to jsonnet.
#include <gtest/gtest.h>

#include "app/templates.h"
#include "ks_test.h"
#include "render/importer.h"
#include "render/stock.h"
#include "render/vm.h"

namespace {

using nlohmann::json;

// The scaffold's head and tail around an overrides object, as ks and ksonnet 0.13 write it.
std::string scaffold_with(const std::string& overrides, bool trailing_commas = true) {
  std::string c = trailing_commas ? "," : "";
  return "local params = std.extVar(\"__ksonnet/params\");\n"
         "local globals = import \"globals.libsonnet\";\n"
         "local envParams = params + " +
         overrides + ";\n\n{\n  components: {\n    [x]: envParams.components[x] + globals" + c +
         "\n    for x in std.objectFields(envParams.components)\n  }" + c + "\n}\n";
}

class EnvParams : public ::testing::Test {
 protected:
  // jsonnet's answer: the file evaluated with the components' params, beside its globals.
  std::string evaluated(const std::string& params_text, const json& components,
                        const std::string& globals_text) {
    ks_test::write(sb.root() / "params.libsonnet", params_text);
    ks_test::write(sb.root() / "globals.libsonnet", globals_text);
    ks::render::Importer importer{ks::render::ImportConfig{}};
    ks::render::Vm vm{importer};
    vm.ext_code("__ksonnet/params", json{{"components", components}}.dump());
    return json::parse(vm.evaluate_file((sb.root() / "params.libsonnet").string()))["components"]
        .dump();
  }
  // ks's answer without an evaluation, or "" when it leaves the file to jsonnet.
  static std::string computed(const std::string& params_text, const json& components,
                              const std::string& globals_text) {
    auto patch = ks::render::scaffold_env_params_patch(params_text);
    auto globals = ks::render::literal_json(globals_text);
    if (!patch || !globals) return "";
    auto out = ks::render::literal_env_params(*patch, components, *globals);
    return out ? out->dump() : "";
  }
  ks_test::Sandbox sb;
};

const json kComponents = json::parse(R"({
  "cnn": {"name": "cnn", "num_gpus": 0, "num_workers": 2, "limits": {"cpu": 1, "memory": "1Gi"}},
  "guestbook-ui": {"replicas": 1, "type": "ClusterIP"},
  "db.mysql": {"spec": {"replicas": 1, "image": "mysql"}}
})");

TEST_F(EnvParams, OverridesAndGlobalsMatchJsonnet) {
  std::vector<std::string> texts = {
      ks::app::templates::env_params(),
      ks_test::read(
          ks_test::source_path("tests/fixtures/ksonnet-app/environments/prod/params.libsonnet")),
      ks_test::read(
          ks_test::source_path("tests/fixtures/ksonnet-app/environments/default/params.libsonnet")),
      scaffold_with("{components+: {cnn+: {num_gpus: 1, num_workers: 1}}}", false),
      scaffold_with("{components+: {cnn: {replaced: true}}}"),
      scaffold_with(R"({
  components +: {
    // ks param set --env=gke cnn num_gpus 1
    cnn +: { num_gpus: 1, limits+: { cpu: 4 } },
    "db.mysql" +: { spec+: { replicas: 3, extra: [1, "two", null] } },
    'new-component' +: { only: 'here' },
  },
})"),
  };
  std::vector<std::string> globals = {"{}", "{ namespace: 'team', replicas: 9 }"};
  for (const auto& text : texts) {
    for (const auto& g : globals) {
      std::string want = evaluated(text, kComponents, g);
      EXPECT_EQ(computed(text, kComponents, g), want) << text << "\nglobals: " << g;
    }
  }
}

TEST_F(EnvParams, AnythingMoreIsLeftToJsonnet) {
  for (const std::string& text : std::vector<std::string>{
           scaffold_with("{components+: {cnn+: {num_gpus: 1 + 1}}}"),
           scaffold_with("{components: {}}"),  // replaces every component's params
           scaffold_with("{components+: {}, other: 1}"),
           scaffold_with("{components+: {cnn+: {n: std.extVar('x')}}}"),
           "local params = std.extVar('__ksonnet/params');\n{ components: params.components }\n",
           ks::app::templates::env_params() + "+ {}",
           "local params = std.extVar(\"__ksonnet/params\");\nlocal globals = import "
           "\"other.libsonnet\";\nlocal envParams = params + {components+: {}};\n{components: "
           "{[x]: envParams.components[x] + globals for x in "
           "std.objectFields(envParams.components)}}",
       }) {
    EXPECT_FALSE(ks::render::scaffold_env_params_patch(text).has_value()) << text;
  }
  // A component whose params are not an object, or globals that are not: jsonnet decides.
  auto patch = ks::render::scaffold_env_params_patch(ks::app::templates::env_params());
  ASSERT_TRUE(patch.has_value());
  EXPECT_FALSE(ks::render::literal_env_params(*patch, json{{"c", "text"}}, json::object()));
  EXPECT_FALSE(ks::render::literal_env_params(*patch, kComponents, json::array()));
}

}  // namespace
