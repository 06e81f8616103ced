#include <gtest/gtest.h>

#include "base/error.h"
#include "edit/edit.h"

namespace {

using ks::edit::to_jsonnet_literal;
using nlohmann::json;

std::string check_error(const std::string& text) {
  try {
    ks::edit::check_expression(text, "value");
  } catch (const ks::Error& e) {
    return e.what();
  }
  return "";
}

TEST(Literal, Scalars) {
  EXPECT_EQ(to_jsonnet_literal(json(1)), "1");
  EXPECT_EQ(to_jsonnet_literal(json(-2.5)), "-2.5");
  EXPECT_EQ(to_jsonnet_literal(json(true)), "true");
  EXPECT_EQ(to_jsonnet_literal(json(nullptr)), "null");
  EXPECT_EQ(to_jsonnet_literal(json("a \"q\" \\ \n\t/é")), "\"a \\\"q\\\" \\\\ \\n\\t/é\"");
}

TEST(Literal, CompactArraysAndObjects) {
  EXPECT_EQ(to_jsonnet_literal(json::parse(R"([1, "x", [], {}])")), "[1, \"x\", [], {}]");
  EXPECT_EQ(to_jsonnet_literal(json::parse(R"({"b-c": 2, "a": {"if": [true]}, "_x": null})")),
            "{_x: null, a: {\"if\": [true]}, \"b-c\": 2}");
}

TEST(Literal, BlockAndKeys) {
  EXPECT_EQ(ks::edit::to_jsonnet_block(json::parse(R"({"b": [1, 2], "a-b": "x"})")),
            "{\n  \"a-b\": \"x\",\n  b: [1, 2],\n}");
  EXPECT_EQ(ks::edit::to_jsonnet_block(json::object()), "{}");
  EXPECT_EQ(ks::edit::to_jsonnet_block(json(3)), "3");
  EXPECT_EQ(ks::edit::format_key("name"), "name");
  EXPECT_EQ(ks::edit::format_key("name", true), "\"name\"");
  EXPECT_EQ(ks::edit::format_key("self"), "\"self\"");
  EXPECT_EQ(ks::edit::format_key("a.b"), "\"a.b\"");
}

TEST(Literal, LiteralsAreValidJsonnetThatEvaluatesBack) {
  json v = json::parse(R"({"a": [1, 2.5, "x\"y\u0001"], "b c": {"d": null, "local": false}})");
  std::string lit = to_jsonnet_literal(v);
  EXPECT_EQ(check_error(lit), "");
  EXPECT_EQ(check_error(ks::edit::to_jsonnet_block(v)), "");
}

TEST(CheckExpression, AcceptsValidExpressions) {
  for (const char* ok : {"[1,2]", "{a: 'x'}", "[{name:'x'}]", "1", "'s'", "null",
                         "local a = 1; {b: a}", "std.length([1]) + 2", "|||\n  text\n|||",
                         "{ [k]: 1 for k in ['a'] }", "function(x) x * 2", "$.a"}) {
    EXPECT_EQ(check_error(ok), "") << ok;
  }
}

TEST(CheckExpression, RejectsInvalidOnesWithContext) {
  EXPECT_EQ(check_error("[1,"),
            "value: invalid jsonnet at 1:4: expected an expression, found end of file");
  EXPECT_EQ(check_error("{a:}"),
            "value: invalid jsonnet at 1:4: expected an expression, found '}'");
  for (const char* bad : {"",
                          "1 2",
                          "{a 1}",
                          "'open",
                          "[1] ]",
                          "import x",
                          "local a = 1",
                          "a[]",
                          "super",
                          "{a: 1 b: 2}",
                          "if x then",
                          "(1",
                          "\"\\q\"",
                          "[x for x in y, ]",
                          "{a: 1, 'a': 2}",
                          "local a = 1, a = 2; a",
                          "{[x]:: 1 for x in y}",
                          "f(a=1, 2)",
                          "[1][0:1:2:3]",
                          "$==1"}) {
    std::string e = check_error(bad);
    EXPECT_TRUE(e.rfind("value: invalid jsonnet at ", 0) == 0) << bad << " -> " << e;
  }
}

// ---- prototype substitution ----

std::string subst(const std::string& text) {
  return ks::edit::substitute_prototype_imports(text, "proto.jsonnet");
}

TEST(Substitute, ReplacesImportsInEveryStringForm) {
  EXPECT_EQ(subst("{ name: import 'param://name', n: import \"param://replicas\" }"),
            "{ name: params.name, n: params.replicas }");
  EXPECT_EQ(subst("x: import @'param://image'"), "x: params.image");
  EXPECT_EQ(subst("ns: import 'env://namespace'"), "ns: env.namespace");
  EXPECT_EQ(subst("a: import /* c */ 'param://a',\nb: import // why\n  'param://b'"),
            "a: params.a,\nb: params.b");
  EXPECT_EQ(subst("p: import 'param://my-port'"), "p: params[\"my-port\"]");
}

TEST(Substitute, LeavesStringsCommentsAndOtherImportsAlone) {
  std::string text =
      "// import 'param://x' in a comment\n"
      "/* import 'param://y' */\n"
      "# import 'param://z'\n"
      "local k = import 'k.libsonnet';\n"
      "{\n"
      "  s: \"import 'param://x'\",\n"
      "  t: 'import \"param://x\"',\n"
      "  u: |||\n"
      "    import 'param://x'\n"
      "  |||,\n"
      "  v: importstr 'param://x',\n"
      "  w: import 'param://',\n"
      "}\n";
  EXPECT_EQ(subst(text), text);
  EXPECT_EQ(subst(text + "+ { z: import 'param://z' }"), text + "+ { z: params.z }");
}

TEST(Substitute, LexErrorsNameTheSource) {
  try {
    subst("{ a: 'open }");
    FAIL() << "expected an error";
  } catch (const ks::Error& e) {
    EXPECT_EQ(std::string(e.what()), "proto.jsonnet:1:6: unterminated string");
  }
}

}  // namespace
