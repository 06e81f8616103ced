#include "edit/lexer.h"

#include <gtest/gtest.h>

#include "base/error.h"

namespace {

using ks::edit::lex;
using ks::edit::string_value;
using ks::edit::Token;
using ks::edit::TokenKind;

// The significant tokens as "kind:text" strings, for compact expectations.
std::vector<std::string> describe(const std::string& src) {
  std::vector<std::string> out;
  for (const Token& t : lex(src, "t.jsonnet")) {
    if (t.is_trivia() || t.kind == TokenKind::EndOfFile) continue;
    const char* k = t.kind == TokenKind::Identifier ? "id"
                    : t.kind == TokenKind::Keyword  ? "kw"
                    : t.kind == TokenKind::Number   ? "num"
                    : t.kind == TokenKind::String   ? "str"
                                                    : "op";
    out.push_back(std::string(k) + ":" + std::string(t.text(src)));
  }
  return out;
}

std::string error_of(const std::string& src) {
  try {
    lex(src, "t.jsonnet");
  } catch (const ks::Error& e) {
    return e.what();
  }
  return "";
}

// The decoded value of the only string token of `src`.
std::string decoded(const std::string& src) {
  for (const Token& t : lex(src, "t")) {
    if (t.kind == TokenKind::String) return string_value(src, t);
  }
  ADD_FAILURE() << "no string in " << src;
  return "";
}

TEST(Lexer, TokensCoverEveryByteContiguously) {
  std::string src = "local a = 1; /* c */ { b+: a, 'c d':: [1.5e3] } // end\n# hash\n";
  auto tokens = lex(src, "t");
  std::size_t pos = 0;
  for (const Token& t : tokens) {
    EXPECT_EQ(t.begin, pos);
    pos = t.end;
  }
  EXPECT_EQ(pos, src.size());
  EXPECT_EQ(tokens.back().kind, TokenKind::EndOfFile);
}

TEST(Lexer, IdentifiersKeywordsNumbers) {
  EXPECT_EQ(describe("local x_1 = self.y + $ importstr tailstrict"),
            (std::vector<std::string>{"kw:local", "id:x_1", "op:=", "kw:self", "op:.", "id:y",
                                      "op:+", "op:$", "kw:importstr", "kw:tailstrict"}));
  EXPECT_EQ(describe("0 12 3.25 1e10 2.5E-3 7e+2"),
            (std::vector<std::string>{"num:0", "num:12", "num:3.25", "num:1e10", "num:2.5E-3",
                                      "num:7e+2"}));
  EXPECT_EQ(describe("01"), (std::vector<std::string>{"num:0", "num:1"}));  // as jsonnet lexes
}

TEST(Lexer, FieldSeparatorsAreSingleTokens) {
  EXPECT_EQ(describe("{a: 1, b:: 2, c::: 3, d+: 4, e+:: 5, f+::: 6}"),
            (std::vector<std::string>{
                "op:{",   "id:a",   "op::",  "num:1", "op:,",    "id:b",  "op:::", "num:2", "op:,",
                "id:c",   "op::::", "num:3", "op:,",  "id:d",    "op:+:", "num:4", "op:,",  "id:e",
                "op:+::", "num:5",  "op:,",  "id:f",  "op:+:::", "num:6", "op:}"}));
}

TEST(Lexer, OperatorsNeverEndInUnaryCharacters) {
  EXPECT_EQ(describe("x:-1"), (std::vector<std::string>{"id:x", "op::", "op:-", "num:1"}));
  EXPECT_EQ(describe("a==!b"), (std::vector<std::string>{"id:a", "op:==", "op:!", "id:b"}));
  EXPECT_EQ(describe("a<=b&&c"),
            (std::vector<std::string>{"id:a", "op:<=", "id:b", "op:&&", "id:c"}));
  // A comment start ends an operator.
  EXPECT_EQ(describe("a +// c\nb"), (std::vector<std::string>{"id:a", "op:+", "id:b"}));
}

TEST(Lexer, QuotedStringsAndEscapes) {
  EXPECT_EQ(decoded(R"("a\"b\\c\/d\n\t")"), "a\"b\\c/d\n\t");
  EXPECT_EQ(decoded(R"('it\'s "x"')"), "it's \"x\"");
  EXPECT_EQ(decoded(R"("\u00e9\u20ac")"), "\xc3\xa9\xe2\x82\xac");
  EXPECT_EQ(decoded(R"("\ud83d\ude00")"), "\xf0\x9f\x98\x80");  // surrogate pair
  EXPECT_EQ(decoded("\"two\nlines\""), "two\nlines");
}

TEST(Lexer, VerbatimStrings) {
  EXPECT_EQ(decoded(R"(@"C:\dir\""x""")"), "C:\\dir\\\"x\"");
  EXPECT_EQ(decoded(R"(@'it''s \n')"), "it's \\n");
  EXPECT_EQ(describe(R"(@"a" + @'b')"),
            (std::vector<std::string>{"str:@\"a\"", "op:+", "str:@'b'"}));
}

TEST(Lexer, TextBlocks) {
  std::string src = "x: |||\n    line one\n      indented\n\n    last\n  |||, y: 1";
  EXPECT_EQ(decoded(src), "line one\n  indented\n\nlast\n");
  auto d = describe(src);
  ASSERT_EQ(d.size(), 7u);
  EXPECT_EQ(d[2], "str:|||\n    line one\n      indented\n\n    last\n  |||");
  EXPECT_EQ(d[3], "op:,");
  // `|||-` drops the final newline; `|||` inside a text block is just text.
  EXPECT_EQ(decoded("|||-\n  a ||| b\n|||"), "a ||| b");
  // A text block containing what looks like comments and imports keeps them as text.
  EXPECT_EQ(decoded("|||\n  // not a comment\n  import 'param://x'\n|||"),
            "// not a comment\nimport 'param://x'\n");
}

TEST(Lexer, Comments) {
  std::string src = "/* a /* b */ 1 // x */\n# y\n/**/2/***/";
  auto d = describe(src);
  EXPECT_EQ(d, (std::vector<std::string>{"num:1", "num:2"}));
  int comments = 0;
  for (const Token& t : lex(src, "t")) comments += t.kind == TokenKind::Comment;
  EXPECT_EQ(comments, 5);
  // Comment markers inside strings are string content.
  EXPECT_EQ(
      describe("'/* no' + \"// no\" + '# no'"),
      (std::vector<std::string>{"str:'/* no'", "op:+", "str:\"// no\"", "op:+", "str:'# no'"}));
}

TEST(Lexer, ImportInsideStringIsOneStringToken) {
  EXPECT_EQ(describe("\"import 'param://x'\""),
            (std::vector<std::string>{"str:\"import 'param://x'\""}));
  EXPECT_EQ(describe("import 'param://x'"),
            (std::vector<std::string>{"kw:import", "str:'param://x'"}));
}

TEST(Lexer, LinesAndColumns) {
  auto tokens = lex("{\n  a: 'x',\n}", "t");
  const Token* a = nullptr;
  for (const Token& t : tokens) {
    if (t.kind == TokenKind::Identifier) a = &t;
  }
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->line, 2);
  EXPECT_EQ(a->column, 3);
}

TEST(Lexer, ErrorsNameSourceLineAndColumn) {
  EXPECT_EQ(error_of("{\n  a: 'abc\n}"), "t.jsonnet:2:6: unterminated string");
  EXPECT_EQ(error_of("1 /* open"), "t.jsonnet:1:3: unterminated comment");
  EXPECT_EQ(error_of("@\"x"), "t.jsonnet:1:1: unterminated verbatim string");
  EXPECT_EQ(error_of("|||\n  abc\n"), "t.jsonnet:1:1: text block not terminated with |||");
  EXPECT_EQ(error_of("|||\n  abc"), "t.jsonnet:1:1: unterminated text block (missing |||)");
  EXPECT_EQ(error_of("||| x\n  abc\n|||"),
            "t.jsonnet:1:1: text block syntax requires a new line after |||");
  EXPECT_EQ(error_of("|||\nabc\n|||"),
            "t.jsonnet:1:1: text block's first line must start with whitespace");
  EXPECT_EQ(error_of("x\n  'a\\qb'"), "t.jsonnet:2:5: unknown escape sequence in string: '\\q'");
  EXPECT_EQ(error_of("'\\u12'"), "t.jsonnet:1:2: \\u must be followed by 4 hex digits");
  EXPECT_EQ(error_of("1."), "t.jsonnet:1:1: junk after decimal point in number");
  EXPECT_EQ(error_of("1e"), "t.jsonnet:1:1: junk after exponent in number");
  EXPECT_EQ(error_of("a ? b"), "t.jsonnet:1:3: unexpected character '?'");
  EXPECT_EQ(error_of("@x"), "t.jsonnet:1:1: @ must be followed by a quote (verbatim string)");
}

TEST(Lexer, KeywordHelpers) {
  EXPECT_TRUE(ks::edit::is_keyword("importstr"));
  EXPECT_FALSE(ks::edit::is_keyword("importbin"));  // not in jsonnet 0.18, which evaluates
  EXPECT_FALSE(ks::edit::is_keyword("imports"));
  EXPECT_TRUE(ks::edit::is_bare_identifier("num_gpus"));
  EXPECT_FALSE(ks::edit::is_bare_identifier("guestbook-ui"));
  EXPECT_FALSE(ks::edit::is_bare_identifier("local"));
  EXPECT_FALSE(ks::edit::is_bare_identifier("1a"));
  EXPECT_FALSE(ks::edit::is_bare_identifier(""));
}

}  // namespace

// The string scanner the lexer shares with render's JSON reader (render/stdlib/json_text.cpp).
TEST(SharedStringScanner, FindsTheClosingQuote) {
  using ks::edit::quoted_end;
  EXPECT_EQ(quoted_end(R"("abc" x)", 0), 5u);
  EXPECT_EQ(quoted_end(R"('a"b')", 0), 5u);                // the other quote does not close
  EXPECT_EQ(quoted_end(R"("a\"b")", 0), 6u);               // an escaped quote does not close
  EXPECT_EQ(quoted_end(R"("a\\")", 0), 5u);                // an escaped backslash does not escape
  EXPECT_EQ(quoted_end(R"("a\")", 0), std::string::npos);  // unterminated
  EXPECT_EQ(quoted_end("\"", 0), std::string::npos);
  EXPECT_EQ(quoted_end("\"\\", 0), std::string::npos);  // a lone backslash at the end
}

TEST(SharedStringScanner, DecodesEscapes) {
  auto body = [](const std::string& s) { return ks::edit::unescape_quoted(s, 0, s.size()); };
  EXPECT_EQ(body(R"(a\"b\'c\\d\/e)"), "a\"b'c\\d/e");
  EXPECT_EQ(body(R"(\b\f\n\r\t)"), "\b\f\n\r\t");
  EXPECT_EQ(body(R"(\u00e9\u65E5)"), "é日");
  EXPECT_EQ(body(R"(\ud83d\ude00)"), "😀");  // a surrogate pair is one codepoint
  EXPECT_EQ(body(""), "");
  // A high surrogate without its low half stays a codepoint of its own (as jsonnet keeps it).
  EXPECT_EQ(body(R"(\ud83dx)"), "\xed\xa0\xbdx");
  auto problem = [&](const std::string& s) {
    try {
      body(s);
    } catch (const ks::edit::ScanError& e) {
      return std::to_string(e.pos) + ": " + e.what;
    }
    return std::string("no error");
  };
  EXPECT_EQ(problem(R"(ab\)"), "2: string ends with a lone backslash");
  EXPECT_EQ(problem(R"(x\u12)"), "1: \\u must be followed by 4 hex digits");
  EXPECT_EQ(problem(R"(x\u12zz)"), "1: \\u must be followed by 4 hex digits");
  EXPECT_EQ(problem(R"(\x41)"), "0: unknown escape sequence in string: '\\x'");
}
