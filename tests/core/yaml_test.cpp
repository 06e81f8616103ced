#include <gtest/gtest.h>

#include "base/error.h"
#include "base/yaml.h"

namespace {

using nlohmann::json;

TEST(Yaml, ParsesScalarsLikeKubectl) {
  auto v = ks::yaml::parse(
      "a: 1\nb: '1'\nc: true\nd: yes\ne: ~\nf: 1.5\ng: 0x10\nh: plain text\ni: \"x\"\nj: null\n",
      "t");
  EXPECT_EQ(v["a"], 1);
  EXPECT_EQ(v["b"], "1");
  EXPECT_EQ(v["c"], true);
  EXPECT_EQ(v["d"], true);
  EXPECT_TRUE(v["e"].is_null());
  EXPECT_EQ(v["f"], 1.5);
  EXPECT_EQ(v["g"], 16);
  EXPECT_EQ(v["h"], "plain text");
  EXPECT_EQ(v["i"], "x");
  EXPECT_TRUE(v["j"].is_null());
}

TEST(Yaml, ErrorsNameSourceAndLine) {
  try {
    ks::yaml::parse("a: 1\nb: [\n", "file.yaml");
    FAIL();
  } catch (const ks::Error& e) {
    EXPECT_EQ(std::string(e.what()).rfind("file.yaml:", 0), 0u) << e.what();
  }
}

TEST(Yaml, EmitsBlockStyleAndRoundTrips) {
  json v = {
      {"z", {{"list", {1, "two", json::object(), json::array(), {{"k", "v"}, {"k2", {1, 2}}}}}}},
      {"a", "0"},
      {"b", ""},
      {"c", "multi\nline\n"},
      {"d", "no trailing\nnewline"},
      {"e", {{"nested", {{"deeper", true}}}}},
      {"f", nullptr},
      {"g", 1.25},
      {"h", "- dash"},
      {"i", "#hash"},
      {"j", "tab\there"},
      {"k", "ünïcode"}};
  std::string text = ks::yaml::emit(v);
  EXPECT_EQ(ks::yaml::parse(text, "emitted"), v) << text;
  EXPECT_NE(text.find("a: \"0\"\n"), std::string::npos);
  EXPECT_NE(
      text.find("  list:\n  - 1\n  - two\n  - {}\n  - []\n  - k: v\n    k2:\n    - 1\n    - 2\n"),
      std::string::npos)
      << text;
}

TEST(Yaml, QuotesEverythingThatWouldReadBackAsAnotherType) {
  for (std::string s : {"0", "1e3", "true", "True", "no", "ON", "null", "~", "", "-1", ".5", "0x1F",
                        "1_000", "y"}) {
    EXPECT_TRUE(ks::yaml::needs_quotes(s)) << s;
    EXPECT_EQ(ks::yaml::parse(ks::yaml::emit(json{{"v", s}}), "t")["v"], s) << s;
  }
  for (std::string s : {"plain", "nginx:1.7", "a b", "gs://bucket/x", "v1"})
    EXPECT_FALSE(ks::yaml::needs_quotes(s)) << s;
}

}  // namespace
