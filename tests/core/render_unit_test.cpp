#include <gtest/gtest.h>

#include "base/error.h"
#include "envs/params.h"
#include "render/errors.h"
#include "render/objects.h"
#include "render/program.h"

namespace {

TEST(Program, PastedComponentsKeepTheirLineNumbersInErrors) {
  std::vector<ks::render::PastedComponent> comps = {
      {"a", "/app/components/a.jsonnet", "{\n  x: 1,\n}\n", false},
      {"b", "/app/components/b.jsonnet", "local y = 2;\n{ y: y }", false}};
  auto p = ks::render::build_program("/app/components/.ks-group-0.jsonnet", comps,
                                     ks::render::Binding::TopLevelArgs);
  ASSERT_EQ(p.map.files.size(), 2u);
  // Line 2 of b.jsonnet in generated code:
  int generated = p.map.files[1].first_line + 1;
  std::string text =
      "RUNTIME ERROR: boom\n\t/app/components/.ks-group-0.jsonnet:" + std::to_string(generated) +
      ":3-8\tobject <anonymous>\n\tDuring manifestation\t\n";
  std::string msg = ks::render::format_jsonnet_error(text, {p.map}, "/app");
  EXPECT_EQ(msg.substr(0, msg.find('\n')), "components/b.jsonnet:2:3: boom") << msg;
  std::string syntax = "STATIC ERROR: /app/components/.ks-group-0.jsonnet:" +
                       std::to_string(p.map.files[0].first_line + 1) + ":5: unexpected: \",\"";
  EXPECT_EQ(ks::render::format_jsonnet_error(syntax, {p.map}, "/app"),
            "components/a.jsonnet:2:5: syntax error: unexpected: \",\"");
}

TEST(Program, AnErrorInsideTheGeneratedWrapperKeepsLibjsonnetsMessage) {
  std::vector<ks::render::PastedComponent> comps = {
      {"a", "/app/components/a.jsonnet", "{ x: 1 }\n", false}};
  auto p = ks::render::build_program("/app/components/.ks-group-0.jsonnet", comps,
                                     ks::render::Binding::TopLevelArgs);
  std::string text = "STATIC ERROR: /app/components/.ks-group-0.jsonnet:1:40: unexpected: \")\"\n";
  EXPECT_EQ(ks::render::format_jsonnet_error(text, {p.map}, "/app"),
            "internal error in ks's generated jsonnet (please report it): STATIC ERROR: "
            "/app/components/.ks-group-0.jsonnet:1:40: unexpected: \")\"");
}

TEST(Objects, SortFollowsKsonnetOrder) {
  std::vector<nlohmann::json> objs = {
      {{"apiVersion", "apps/v1"},
       {"kind", "Deployment"},
       {"metadata", {{"name", "d"}, {"namespace", "a"}}}},
      {{"apiVersion", "v1"},
       {"kind", "Service"},
       {"metadata", {{"name", "s"}, {"namespace", "a"}}}},
      {{"apiVersion", "v1"},
       {"kind", "ConfigMap"},
       {"metadata", {{"name", "c"}, {"namespace", "a"}}}},
      {{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", "a"}}}},
      {{"apiVersion", "x/v1"}, {"kind", "Zed"}, {"metadata", {{"name", "z"}, {"namespace", "a"}}}},
      {{"apiVersion", "x/v1"},
       {"kind", "Alpha"},
       {"metadata", {{"name", "y"}, {"namespace", "a"}}}},
  };
  ks::render::sort_objects(objs);
  std::vector<std::string> kinds;
  for (const auto& o : objs) kinds.push_back(o["kind"]);
  EXPECT_EQ(kinds, (std::vector<std::string>{"Namespace", "ConfigMap", "Service", "Deployment",
                                             "Alpha", "Zed"}));
}

TEST(ParamValues, TypingMatchesKsonnet) {
  using ks::envs::param_value_source;
  EXPECT_EQ(param_value_source("1", false), "1");
  EXPECT_EQ(param_value_source("+1", false), "1");
  EXPECT_EQ(param_value_source("-2.5", false), "-2.5");
  EXPECT_EQ(param_value_source("1e3", false), "1e3");
  EXPECT_EQ(param_value_source("TRUE", false), "true");
  EXPECT_EQ(param_value_source("1", true), "\"1\"");
  EXPECT_EQ(param_value_source("\"1\"", false), "\"1\"");
  EXPECT_EQ(param_value_source("007", false), "\"007\"");
  EXPECT_EQ(param_value_source("say \"hi\"", false), "\"say \\\"hi\\\"\"");
  EXPECT_EQ(param_value_source("[1, 2]", false), "[1, 2]");
  EXPECT_THROW(param_value_source("[1,", false), ks::Error);
}

}  // namespace
