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
}

TEST(GoJsonnetDialect, BinaryPlusFieldSeparatorsStringsAndCommentsStay) {
  for (const char* text : {"a + b", "self + { b: 1 }", "{ a+: 1, b+:: 2, c+::: 3 }", "x[1] + y",
                           "f(1) + 2", "$ + {}", "'+ a' + \"+b\"", "// + x\n1", "/* : + x */ 1",
                           "|||\n  + x\n|||", "true + 'x'", "super.a + 1"}) {
    EXPECT_EQ(rewrite_go_jsonnet_dialect(text), text) << text;
  }
  // Text that does not lex is left for libjsonnet to report.
  EXPECT_EQ(rewrite_go_jsonnet_dialect("+ 'unterminated"), "+ 'unterminated");
}

}  // namespace
