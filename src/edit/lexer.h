#pragma once
// A lossless jsonnet lexer: every byte of the source belongs to exactly one token (whitespace and
// comments included), so edits can be made on byte ranges without disturbing anything else.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ks::edit {

// Operator covers punctuation too: `{ } [ ] ( ) , . ;` are one-byte tokens; operator characters
// `! $ : ~ + - & | ^ = < > * / %` form maximal sequences as jsonnet lexes them, so a field
// separator (`:`, `::`, `:::`, `+:`, `+::`, `+:::`) is always one token, `$` alone is the `$`
// token, and a sequence never ends in `+ - ~ !` unless it is that single character (`x:-1` is
// `x` `:` `-` `1`).
enum class TokenKind {
  Identifier,
  Keyword,
  Number,
  String,
  Operator,
  Comment,
  Whitespace,
  EndOfFile
};

struct Token {
  TokenKind kind;
  std::size_t begin;  // byte offsets into the source: [begin, end)
  std::size_t end;
  int line;    // 1-based, of `begin`
  int column;  // 1-based byte column of `begin`
  std::string_view text(const std::string& src) const {
    return std::string_view(src).substr(begin, end - begin);
  }
  bool is_trivia() const { return kind == TokenKind::Comment || kind == TokenKind::Whitespace; }
};

// Lexes all jsonnet syntax (as libjsonnet 0.18, the evaluator ks links, does: `importbin` is an
// identifier there): identifiers, keywords, numbers, all string forms ('..', "..", @'..',
// @"..", ||| text blocks |||), comments (//, #, /* */) and operators. The last token is EndOfFile
// (empty, at text.size()). Throws ks::Error("<source>:<line>:<col>: <what>") on bad input, e.g.
// unterminated strings or comments and invalid escapes.
std::vector<Token> lex(const std::string& text, const std::string& source);

// The string scanner the lexer uses, shared with other readers of jsonnet and JSON text (render's
// JSON reader): one implementation of quotes and escapes.

// A failure while scanning, at byte offset `pos` of the scanned text.
struct ScanError {
  std::size_t pos;
  std::string what;
};

// The offset just after the closing quote of the "..." / '...' string whose opening quote is at
// `pos` (a backslash escapes the next byte), or std::string::npos when it is unterminated.
// Escapes are not checked.
std::size_t quoted_end(const std::string& text, std::size_t pos);

// The decoded body text[begin, end) of a "..." / '...' string: JSON's escapes (\" \\ \/ \b \f \n
// \r \t \uXXXX, surrogate pairs joined) plus jsonnet's \'. Throws ScanError on a bad escape.
std::string unescape_quoted(const std::string& text, std::size_t begin, std::size_t end);

// The decoded value of a String token (escapes resolved, text block indentation removed).
std::string string_value(const std::string& text, const Token& t);

// True if `s` is a jsonnet keyword (`local`, `import`, `null`, ...).
bool is_keyword(std::string_view s);
// True if `s` can be written as a bare field name: an identifier that is not a keyword.
bool is_bare_identifier(std::string_view s);

}  // namespace ks::edit
