// Params files read as plain data must give what jsonnet gives; anything else is left to jsonnet.
#include <gtest/gtest.h>

#include "app/templates.h"
#include "ks_test.h"
#include "render/importer.h"
#include "render/literal.h"
#include "render/vm.h"

namespace {

TEST(Literal, PlainDataMatchesJsonnet) {
  ks::render::Importer importer{ks::render::ImportConfig{}};
  ks::render::Vm vm{importer};
  std::vector<std::string> samples = {
      ks::app::templates::component_params(),
      ks::app::templates::env_globals(),
      ks_test::read(ks_test::source_path("tests/fixtures/ksonnet-app/components/params.libsonnet")),
      ks_test::read(
          ks_test::source_path("tests/fixtures/ksonnet-app/components/db/params.libsonnet")),
      R"({ a: 1, b: -2, c: 1.5, d: 1e3, e: -0.25, f: 12345678901234567890, g: 0.1,
  "quoted-key": 'single', h: @'verbatim \n', i: "esc \" \\ \n \t \u00e9 日", j: [], k: {}, l: [1, [2, {m: null}]],
  t: true, u: false, /* block */ # hash
  trailing: [1, 2,], })",
      "[]",
      "\"just a string\"",
  };
  for (const auto& text : samples) {
    auto lit = ks::render::literal_json(text);
    ASSERT_TRUE(lit.has_value()) << text;
    EXPECT_EQ(*lit, nlohmann::json::parse(vm.evaluate_snippet("t.jsonnet", text))) << text;
  }
}

TEST(Literal, AnythingMoreIsLeftToJsonnet) {
  for (std::string text :
       {"{a: 1 + 1}", "{a:: 1}", "{a+: {}}", "local x = 1; {a: x}", "{a: 1, a: 2}",
        "{[k]: 1 for k in ['a']}", "{a: |||\n  x\n|||}", "{a: 1", "{a: import 'x.json'}",
        "{a: std.length([])}", "{a: self.b, b: 1}", "{a: $}", "{true: 1}"}) {
    EXPECT_FALSE(ks::render::literal_json(text).has_value()) << text;
  }
}

// `base + patch` for the overrides `ks param set --env` writes: computed without jsonnet, printed
// as jsonnet prints it (numbers included).
TEST(LiteralPatch, MergeMatchesJsonnet) {
  ks::render::Importer importer{ks::render::ImportConfig{}};
  ks::render::Vm vm{importer};
  const std::string base =
      R"({"a": 1, "b": {"c": 2, "d": {"e": 3}}, "s": "text", "big": 10000000000000000, "l": [1]})";
  std::vector<std::string> patches = {
      "{}",
      "{a: 2}",
      "{b+: {c: 5}}",
      "{b+: {d+: {e: 4, f: [1, {g: null}]}}, a: -1.5}",
      "{missing+: {x+: {y: 1}}}",
      "{'quoted key'+: {\"x\": 1e16, y: 12345678901234567}, l: []}",
      "{b: {replaced: true}, big: 9007199254740993}",
      "{ /* comment */ b+: { c: 'v', }, }",
  };
  for (const auto& text : patches) {
    auto patch = ks::render::literal_patch(text);
    ASSERT_TRUE(patch.has_value()) << text;
    auto merged = ks::render::apply_patch(nlohmann::json::parse(base), *patch);
    ASSERT_TRUE(merged.has_value()) << text;
    EXPECT_EQ(merged->dump(),
              nlohmann::json::parse(vm.evaluate_snippet("t.jsonnet", base + " + " + text)).dump())
        << text;
  }
}

TEST(LiteralPatch, AnythingMoreIsLeftToJsonnet) {
  for (std::string text : {"{a: 1 + 1}", "{a:: 1}", "{a+: 1}", "{a+: [1]}", "{a: 1, a+: {}}",
                           "{a+: {}, a+: {}}", "{a: self.b}", "[]", "{a: 1", "{a+: {b:: 1}}"}) {
    EXPECT_FALSE(ks::render::literal_patch(text).has_value()) << text;
  }
  // `+:` onto something that is not an object: jsonnet's result (or error), not a merge.
  auto patch = ks::render::literal_patch("{s+: {x: 1}}");
  ASSERT_TRUE(patch.has_value());
  EXPECT_FALSE(ks::render::apply_patch(nlohmann::json{{"s", "text"}}, *patch).has_value());
  EXPECT_FALSE(ks::render::apply_patch(nlohmann::json::array(), *patch).has_value());
}

}  // namespace
