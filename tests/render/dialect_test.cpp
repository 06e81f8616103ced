// The go-jsonnet 0.11.2 dialect rewrite: only unary `+` tokens become spaces.
#include <gtest/gtest.h>

#include "render/dialect.h"

namespace {

using ks::render::rewrite_go_jsonnet_dialect;

TEST(GoJsonnetDialect, UnaryPlusBecomesASpace) {
  EXPECT_EQ(rewrite_go_jsonnet_dialect("+ 'a'"), "  'a'");
  EXPECT_EQ(rewrite_go_jsonnet_dialect("{ a: + t.name }"), "{ a:   t.name }");
  EXPECT_EQ(rewrite_go_jsonnet_dialect("{a:+t}"), "{a: t}");
  EXPECT_EQ(rewrite_go_jsonnet_dialect("[+x, (+y)]"), "[ x, ( y)]");
  EXPECT_EQ(rewrite_go_jsonnet_dialect("local v = +x; 1 + +v"), "local v =  x; 1 +  v");
  EXPECT_EQ(rewrite_go_jsonnet_dialect("if c then +x else +y"), "if c then  x else  y");
  EXPECT_EQ(rewrite_go_jsonnet_dialect("-+1"), "- 1");
  // A function's body starts after its parameters' `)`: a `+` there is unary.
  EXPECT_EQ(rewrite_go_jsonnet_dialect("local f = function(x) +x; f('a')"),
            "local f = function(x)  x; f('a')");
  EXPECT_EQ(rewrite_go_jsonnet_dialect("std.map(function(s) + s, xs) + ys"),
            "std.map(function(s)   s, xs) + ys");
  EXPECT_EQ(rewrite_go_jsonnet_dialect("function(a=(1)) +a"), "function(a=(1))  a");
}

TEST(GoJsonnetDialect, BinaryPlusFieldSeparatorsStringsAndCommentsStay) {
  for (const char* text :
       {"a + b", "self + { b: 1 }", "{ a+: 1, b+:: 2, c+::: 3 }", "x[1] + y", "f(1) + 2", "$ + {}",
        "'+ a' + \"+b\"", "// + x\n1", "/* : + x */ 1", "|||\n  + x\n|||", "true + 'x'",
        "super.a + 1", "function(x) (x) + 1", "function(x) f(x) + 1"}) {
    EXPECT_EQ(rewrite_go_jsonnet_dialect(text), text) << text;
  }
  // Text that does not lex is left for libjsonnet to report.
  EXPECT_EQ(rewrite_go_jsonnet_dialect("+ 'unterminated"), "+ 'unterminated");
}

}  // namespace
