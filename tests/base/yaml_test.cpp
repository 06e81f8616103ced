#include <gtest/gtest.h>

#include "base/error.h"
#include "base/yaml.h"
#include "base/yaml_reader.h"

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

TEST(Yaml, NumbersOutOfRangeStayStringsAsInKubectl) {
  auto v =
      ks::yaml::parse("a: 1e999\nb: -1.0e400\nc: " + std::string(400, '9') + "\nd: 1e-400\n", "t");
  EXPECT_EQ(v["a"], "1e999");
  EXPECT_EQ(v["b"], "-1.0e400");
  EXPECT_EQ(v["c"], std::string(400, '9'));
  EXPECT_TRUE(v["d"].is_number());
}

// yaml-cpp would decode "X\0\0\0" as UTF-32 into code points that are not UTF-8 (found by
// fuzz_yaml_stream); NUL bytes and UTF-16/32 byte order marks are refused with where they are.
TEST(Yaml, NulBytesAndWideEncodingsAreRefused) {
  for (const std::string& text :
       {std::string("\x01\0\0\0\0+a]\na]\n: ", 14), std::string("a: 1\nb: \0\n", 11),
        std::string("\xFF\xFE"
                    "a\0:\0 \0"
                    "1\0",
                    10)}) {
    try {
      ks::yaml::parse(text, "odd.yaml");
      ADD_FAILURE() << "accepted";
    } catch (const ks::Error& e) {
      std::string msg = e.what();
      EXPECT_EQ(msg.rfind("odd.yaml:", 0), 0u) << msg;
      EXPECT_NE(msg.find("not UTF-8"), std::string::npos) << msg;
    }
  }
}

// yaml-cpp decodes \N and \_ to the bytes 0x85 and 0xA0; ks reads them as the characters U+0085
// and U+00A0, so what it writes reads back (found by fuzz_import).
TEST(Yaml, NelAndNbspEscapesAreUtf8) {
  json v = ks::yaml::parse("a: \"x\\Ny\\_z\\Lw\"\nb: \"\u0105\\N\"\n", "t");
  EXPECT_EQ(v["a"], "x\u0085y\u00a0z\u2028w");
  EXPECT_EQ(v["b"], "\u0105\u0085");
  EXPECT_EQ(ks::yaml::parse(ks::yaml::emit(v), "back"), v);
}

// A document that is a multi-line string round-trips (found by fuzz_yaml_stream).
TEST(Yaml, RootMultiLineStringReadsBack) {
  json v = ks::yaml::parse("az ]\n\nz ]\n", "t");
  EXPECT_EQ(v, "az ]\nz ]");
  EXPECT_EQ(ks::yaml::parse(ks::yaml::emit(v), "back"), v) << ks::yaml::emit(v);
}

TEST(Yaml, ErrorsNameSourceAndLine) {
  try {
    ks::yaml::parse("a: 1\nb: [\n", "file.yaml");
    FAIL();
  } catch (const ks::Error& e) {
    EXPECT_EQ(std::string(e.what()).rfind("file.yaml:", 0), 0u) << e.what();
  }
}

std::string error_of(const std::string& text, bool all = false) {
  try {
    if (all)
      ks::yaml::parse_all(text, "in.yaml");
    else
      ks::yaml::parse(text, "in.yaml");
  } catch (const ks::Error& e) {
    return e.what();
  }
  return "";
}

// An alias bomb: each level aliases the one before nine times (9^levels nodes when expanded).
std::string alias_bomb(int levels) {
  std::string text = "l0: &l0 [x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i <= levels; ++i) {
    std::string prev = "*l" + std::to_string(i - 1);
    text += "l" + std::to_string(i) + ": &l" + std::to_string(i) + " [";
    for (int j = 0; j < 9; ++j) text += (j ? ", " : "") + prev;
    text += "]\n";
  }
  return text;
}

TEST(Yaml, SelfReferencingAliasIsAnErrorNamingTheFile) {
  for (const char* text :
       {"&a [*a]\n", "a: &a {b: *a}\n", "x: &a\n  - y: [*a]\n", "--- 1\n--- &a [1, [2, *a]]\n"}) {
    std::string err = error_of(text, true);
    EXPECT_EQ(err.rfind("in.yaml:", 0), 0u) << text << " -> " << err;
    EXPECT_NE(err.find("alias *a refers to a node that contains it"), std::string::npos) << err;
    EXPECT_EQ(err.find('\n'), std::string::npos);
  }
}

TEST(Yaml, AliasBombIsAnErrorNotAnExpansion) {
  std::string err = error_of(alias_bomb(8));
  EXPECT_EQ(err.rfind("in.yaml:", 0), 0u) << err;
  EXPECT_NE(err.find("YAML aliases expand to more than"), std::string::npos) << err;
  // Wide scalars: few nodes, many bytes.
  std::string wide = "a: &a " + std::string(1 << 20, 'x') + "\nb: [";
  for (int i = 0; i < 40; ++i) wide += (i ? ", " : "") + std::string("*a");
  EXPECT_NE(error_of(wide + "]\n").find("YAML aliases expand"), std::string::npos);
}

TEST(Yaml, AliasesWithinTheBudgetAreCopies) {
  json v = ks::yaml::parse(alias_bomb(3) + "k: &k key\n*k : value\n", "t");
  EXPECT_EQ(v["l3"].size(), 9u);
  EXPECT_EQ(v["l3"][8][8][8][8], "x");
  EXPECT_EQ(v["key"], "value");
  ks::yaml::AliasLimits tight{.max_nodes = 20, .max_bytes = 1000};
  EXPECT_THROW(ks::yaml::read_documents(alias_bomb(1), "t", true, tight), ks::Error);
}

TEST(Yaml, MergeKeysAreResolvedAndExplicitKeysWin) {
  json v = ks::yaml::parse(
      "base: &base {a: 1, b: 2}\n"
      "other: &other {b: 3, c: 4}\n"
      "one:\n  b: 9\n  <<: *base\n"
      "list:\n  <<: [*other, *base]\n  d: 5\n"
      "quoted:\n  '<<': *base\n",
      "t");
  EXPECT_EQ(v["one"], (json{{"a", 1}, {"b", 9}}));
  EXPECT_EQ(v["list"], (json{{"a", 1}, {"b", 3}, {"c", 4}, {"d", 5}}));
  EXPECT_EQ(v["quoted"], (json{{"<<", {{"a", 1}, {"b", 2}}}}));
  EXPECT_NE(error_of("a: &a [1]\nb:\n  <<: *a\n").find("in.yaml:3:"), std::string::npos);
}

// yaml-cpp 0.7 loops, allocating until memory runs out, on a ',' where a document's node should
// start (found by fuzz_import: ",Stxp9ee\xFFactionst"; ks from main died of bad_alloc).
TEST(Yaml, AStrayFlowEntryIsAnErrorNotAnEndlessLoop) {
  for (const char* text : {",\n", ",a\n", "{a: 1},\n", "---\n,a\n", "--- 1\n--- ,\n"}) {
    std::string err = error_of(text, true);
    EXPECT_NE(err.find("invalid YAML: unexpected ','"), std::string::npos) << text << err;
    EXPECT_EQ(err.rfind("in.yaml:", 0), 0u) << err;
  }
  EXPECT_NE(error_of(",a\n").find("unexpected ','"), std::string::npos);
  EXPECT_EQ(ks::yaml::parse("{a: 1},\n", "t"), (json{{"a", 1}}));  // as yaml-cpp's Load read it
  EXPECT_EQ(ks::yaml::parse_all("a: [b, ,c]\n---\nx: 1\n", "t").size(), 2u);
}

TEST(Yaml, InvalidUtf8IsRefusedBeforeParsing) {
  EXPECT_EQ(error_of(",Stxp9ee\xFF"
                     "actionst\n"),
            "in.yaml:1:9: invalid YAML: not UTF-8 (byte 0xFF); save the file as UTF-8");
  EXPECT_NE(error_of("a: 1\nb: \xC0\xAF\n").find("in.yaml:2:4: invalid YAML: not UTF-8"),
            std::string::npos);
  EXPECT_NE(error_of("a: \xED\xA0\x80\n").find("not UTF-8"), std::string::npos);  // surrogate
  EXPECT_EQ(ks::yaml::parse("a: \"\xC3\xBC\xF0\x9F\x98\x80\"\n", "t")["a"],
            "\xC3\xBC\xF0\x9F\x98\x80");
}

TEST(Yaml, ComplexKeysAreRefused) {
  EXPECT_NE(error_of("? [a]\n: 1\n").find("mapping keys must be scalars"), std::string::npos);
  EXPECT_NE(error_of("a: &a [1]\n*a : 2\n").find("mapping keys must be scalars"),
            std::string::npos);
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
