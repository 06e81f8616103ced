// ksonnet's regex natives follow Go's regexp package (RE2): its syntax, its replacement
// templates, and linear time on any input.
#include <gtest/gtest.h>

#include <string>

#include "base/error.h"
#include "render/regex.h"

namespace {

namespace regex = ks::render::regex;

TEST(Regex, GoSyntaxCaseInsensitiveFlag) {
  EXPECT_TRUE(regex::match("(?i)^hello$", "HeLLo"));
  EXPECT_FALSE(regex::match("^hello$", "HeLLo"));
}

TEST(Regex, NamedGroupsInPatternAndReplacement) {
  EXPECT_TRUE(regex::match(R"(^(?P<major>\d+)\.(?P<minor>\d+)$)", "1.22"));
  EXPECT_EQ(regex::substitute(R"((?P<major>\d+)\.(?P<minor>\d+))", "v1.22", "${minor}.$major"),
            "v22.1");
}

TEST(Regex, ReplacementTemplatesAsInGo) {
  EXPECT_EQ(regex::substitute("b+", "abbbc", "X"), "aXc");
  EXPECT_EQ(regex::substitute("(a)(b)", "ab-ab", "$2$1"), "ba-ba");
  EXPECT_EQ(regex::substitute("(a)", "a", "${1}x"), "ax");
  EXPECT_EQ(regex::substitute("(a)", "a", "$1x"), "");  // Go reads the name `1x`: no such group
  EXPECT_EQ(regex::substitute("a", "a", "$$"), "$");
  EXPECT_EQ(regex::substitute("a", "a", "cost: $"), "cost: $");
  // Empty matches: one per position, none right after a non-empty match.
  EXPECT_EQ(regex::substitute("a*", "baaac", "X"), "XbXcX");
  EXPECT_EQ(regex::substitute("", "héé", "-"), "-h-é-é-");
}

TEST(Regex, HundredThousandCharactersInLinearTime) {
  std::string input(100000, 'a');
  for (size_t i = 1; i < input.size(); i += 2) input[i] = 'b';
  EXPECT_TRUE(regex::match("^(a|b)*$", input));
  EXPECT_FALSE(regex::match("^(a|b)*$", input + "c"));
  EXPECT_EQ(regex::substitute("^(a|b)*$", input, "ok"), "ok");
}

TEST(Regex, InvalidPatternNamesFunctionAndPattern) {
  try {
    regex::match("a(", "a");
    FAIL() << "no error";
  } catch (const ks::Error& e) {
    std::string m = e.what();
    EXPECT_NE(m.find("regexMatch: invalid regular expression \"a(\""), std::string::npos) << m;
  }
  // Perl's look-ahead is not RE2 (nor Go) syntax.
  EXPECT_THROW(regex::substitute("a(?=b)", "ab", "x"), ks::Error);
}

TEST(Regex, QuoteMetaEscapesEveryMetacharacter) {
  std::string meta = R"(\.+*?()|[]{}^$)";
  EXPECT_EQ(regex::quote_meta("a.b*"), "a\\.b\\*");
  EXPECT_TRUE(regex::match("^" + regex::quote_meta(meta) + "$", meta));
}

}  // namespace
