#include <gtest/gtest.h>

#include "base/error.h"
#include "edit/edit.h"
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

TEST(Objects, OneObjectFromTwoComponentsIsAnErrorNamingBothFiles) {
  using ks::render::ComponentValue;
  using nlohmann::json;
  auto cm = [](const std::string& name, const std::string& ns) {
    json o = {{"apiVersion", "v1"}, {"kind", "ConfigMap"}, {"metadata", {{"name", name}}}};
    if (!ns.empty()) o["metadata"]["namespace"] = ns;
    return o;
  };
  auto error_of = [](const std::vector<ComponentValue>& values) {
    try {
      ks::render::collect_objects(values, "default");
    } catch (const ks::Error& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  // The env's namespace fills in the missing one, so these are the same object.
  EXPECT_EQ(error_of({{"a", "components/a.jsonnet", cm("dup", "")},
                      {"b", "components/b.yaml", cm("dup", "default")}}),
            "ConfigMap default/dup is defined by two components, 'a' (components/a.jsonnet) and "
            "'b' (components/b.yaml); an object may come from one component only");
  EXPECT_EQ(error_of({{"a", "components/a.jsonnet", json::array({cm("x", ""), cm("x", "")})}}),
            "components/a.jsonnet: component 'a' produces ConfigMap default/x twice; an object "
            "may be defined once");
  json role = {{"apiVersion", "rbac.authorization.k8s.io/v1"},
               {"kind", "ClusterRole"},
               {"metadata", {{"name", "r"}, {"namespace", "ignored"}}}};
  json role2 = role;
  role2["metadata"].erase("namespace");
  EXPECT_NE(error_of({{"a", "a.jsonnet", role}, {"b", "b.jsonnet", role2}})
                .find("ClusterRole.rbac.authorization.k8s.io r is defined by two components"),
            std::string::npos);
  // Different namespace, kind or group, and generateName: distinct objects.
  json deploy = {{"apiVersion", "apps/v1"}, {"kind", "ConfigMap"}, {"metadata", {{"name", "x"}}}};
  json gen = {{"apiVersion", "v1"}, {"kind", "Pod"}, {"metadata", {{"generateName", "p-"}}}};
  EXPECT_EQ(error_of({{"a", "a.jsonnet", json::array({cm("x", "one"), cm("x", "two"), deploy})},
                      {"b", "b.jsonnet", json::array({cm("x", ""), gen, gen})}}),
            "");
}

TEST(Objects, NullListItemsAndItemlessListsHoldNoObjects) {
  using ks::render::ComponentValue;
  using nlohmann::json;
  json cm = {{"apiVersion", "v1"}, {"kind", "ConfigMap"}, {"metadata", {{"name", "x"}}}};
  // Kubeflow's `[a, if cond then b]`: the null is skipped, in arrays and in List items.
  json list = {{"apiVersion", "v1"}, {"kind", "List"}, {"items", json::array({cm, nullptr})}};
  EXPECT_EQ(ks::render::collect_objects({{"a", "a.jsonnet", list}}, "default").size(), 1U);
  EXPECT_EQ(ks::render::collect_objects({{"a", "a.jsonnet", json::array({nullptr, cm})}}, "default")
                .size(),
            1U);
  // A v1 List without items (the package template's stub) holds nothing.
  json itemless = {{"apiVersion", "v1"}, {"kind", "List"}};
  EXPECT_TRUE(ks::render::collect_objects({{"a", "a.jsonnet", itemless}}, "default").empty());
  // A component that is null itself is still an error.
  try {
    ks::render::collect_objects({{"a", "a.jsonnet", nullptr}}, "default");
    ADD_FAILURE() << "a null component was accepted";
  } catch (const ks::Error& e) {
    EXPECT_NE(std::string(e.what()).find("must evaluate to an object"), std::string::npos);
  }
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

// jsonnet turns 1e999 into infinity, which manifests as null: refused, not stored.
TEST(ParamValues, NonFiniteNumbersAreRefused) {
  using ks::envs::param_value_source;
  for (const char* text : {"1e999", "-1e999", "+2.5e400", "[1, 1e999]", "{a: {b: -1E400}}"}) {
    try {
      param_value_source(text, false);
      ADD_FAILURE() << text;
    } catch (const ks::Error& e) {
      std::string msg = e.what();
      EXPECT_EQ(msg.rfind("value '" + std::string(text) + "': the number ", 0), 0u) << msg;
      EXPECT_NE(msg.find("--as-string"), std::string::npos) << msg;
      EXPECT_EQ(msg.find('\n'), std::string::npos);
    }
  }
  EXPECT_EQ(param_value_source("1e999", true), "\"1e999\"");
  EXPECT_EQ(param_value_source("1e308", false), "1e308");
}

// Every number ks writes is a jsonnet number literal (found by fuzz_param_value: "040." was
// written as 040.0, two tokens); leading zeros keep the text a string, as "007" does.
TEST(ParamValues, NumbersAreWrittenAsJsonnetLiterals) {
  using ks::envs::param_value_source;
  EXPECT_EQ(param_value_source("040.", false), "\"040.\"");
  EXPECT_EQ(param_value_source("00.5", false), "\"00.5\"");
  EXPECT_EQ(param_value_source("0.5", false), "0.5");
  EXPECT_EQ(param_value_source("-.5", false), "-0.5");
  EXPECT_EQ(param_value_source(".5", false), "0.5");
  EXPECT_EQ(param_value_source("5.", false), "5.0");
  EXPECT_EQ(param_value_source("5.e3", false), "5.0e3");
  EXPECT_EQ(param_value_source("-5.E-3", false), "-5.0E-3");
  for (const char* text : {"040.", "-.5", "5.e3", "+.5e2", "0.", "-0."})
    EXPECT_NO_THROW(ks::edit::check_expression(param_value_source(text, false), text)) << text;
}

}  // namespace
