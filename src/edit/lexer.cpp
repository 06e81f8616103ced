#include "edit/lexer.h"

#include <cstdint>

#include "base/error.h"
#include "base/strings.h"

namespace ks::edit {
namespace {

constexpr std::string_view kKeywords[] = {
    "assert", "else",  "error", "false",      "for",  "function", "if",    "import", "importstr",
    "in",     "local", "null",  "tailstrict", "then", "self",     "super", "true"};

bool is_ident_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_ident_char(char c) {
  return is_ident_start(c) || is_digit(c);
}
bool is_horizontal_space(char c) {
  return c == ' ' || c == '\t' || c == '\r';
}
bool is_space(char c) {
  return is_horizontal_space(c) || c == '\n';
}
bool is_op_char(char c) {
  return std::string_view("!$:~+-&|^=<>*/%").find(c) != std::string_view::npos;
}
bool is_punctuation(char c) {
  return std::string_view("{}[](),.;").find(c) != std::string_view::npos;
}

bool at(const std::string& s, std::size_t i, std::string_view what) {
  return s.compare(i, what.size(), what) == 0;
}

bool read_hex4(const std::string& s, std::size_t i, std::size_t end, std::uint32_t* out) {
  if (i + 4 > end) return false;
  std::uint32_t v = 0;
  for (std::size_t k = i; k < i + 4; ++k) {
    char c = s[k];
    v <<= 4;
    if (c >= '0' && c <= '9')
      v |= c - '0';
    else if (c >= 'a' && c <= 'f')
      v |= c - 'a' + 10;
    else if (c >= 'A' && c <= 'F')
      v |= c - 'A' + 10;
    else
      return false;
  }
  *out = v;
  return true;
}

}  // namespace

std::string unescape_quoted(const std::string& s, std::size_t begin, std::size_t end) {
  std::string out;
  for (std::size_t i = begin; i < end; ++i) {
    if (s[i] != '\\') {
      out += s[i];
      continue;
    }
    if (++i >= end) throw ScanError{i - 1, "string ends with a lone backslash"};
    switch (s[i]) {
      case '"':
      case '\'':
      case '\\':
      case '/':
        out += s[i];
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'u': {
        std::uint32_t cp = 0;
        if (!read_hex4(s, i + 1, end, &cp)) {
          throw ScanError{i - 1, "\\u must be followed by 4 hex digits"};
        }
        i += 4;
        std::uint32_t low = 0;
        if (cp >= 0xD800 && cp < 0xDC00 && i + 2 < end && s[i + 1] == '\\' && s[i + 2] == 'u' &&
            read_hex4(s, i + 3, end, &low) && low >= 0xDC00 && low < 0xE000) {
          cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          i += 6;
        }
        str::append_utf8(out, cp);
        break;
      }
      default:
        throw ScanError{i - 1, std::string("unknown escape sequence in string: '\\") + s[i] + "'"};
    }
  }
  return out;
}

std::size_t quoted_end(const std::string& s, std::size_t pos) {
  char quote = s[pos];
  for (std::size_t i = pos + 1; i < s.size(); ++i) {
    if (s[i] == '\\')
      ++i;
    else if (s[i] == quote)
      return i + 1;
  }
  return std::string::npos;
}

namespace {

// Scans a `"`/`'` string starting at the quote; returns the offset after the closing quote.
std::size_t scan_quoted(const std::string& s, std::size_t pos) {
  std::size_t end = quoted_end(s, pos);
  if (end == std::string::npos) throw ScanError{pos, "unterminated string"};
  unescape_quoted(s, pos + 1, end - 1);  // validates the escapes
  return end;
}

// Scans a verbatim @"..." / @'...' string starting at `@` (a doubled quote stands for one).
std::size_t scan_verbatim(const std::string& s, std::size_t pos, std::string* value) {
  char quote = s[pos + 1];
  for (std::size_t i = pos + 2; i < s.size(); ++i) {
    if (s[i] != quote) {
      if (value) *value += s[i];
    } else if (i + 1 < s.size() && s[i + 1] == quote) {
      if (value) *value += quote;
      ++i;
    } else {
      return i + 1;
    }
  }
  throw ScanError{pos, "unterminated verbatim string"};
}

// Length of the first line's indentation when line `b` starts with it, else 0.
std::size_t common_indent(const std::string& s, std::size_t first, std::size_t b) {
  std::size_t i = 0;
  while (first + i < s.size() && (s[first + i] == ' ' || s[first + i] == '\t')) {
    if (b + i >= s.size() || s[b + i] != s[first + i]) return 0;
    ++i;
  }
  return i;
}

// Scans a ||| text block (as jsonnet does: the first line's indentation is stripped from every
// line, blank lines are kept, a line with less indentation must be the closing |||).
std::size_t scan_text_block(const std::string& s, std::size_t pos, std::string* value) {
  std::size_t i = pos + 3;
  bool chomp = i < s.size() && s[i] == '-';
  if (chomp) ++i;
  while (i < s.size() && is_horizontal_space(s[i])) ++i;
  if (i >= s.size() || s[i] != '\n') {
    throw ScanError{pos, "text block syntax requires a new line after |||"};
  }
  ++i;
  std::string content;
  while (i < s.size() && s[i] == '\n') {  // leading blank lines are kept
    content += '\n';
    ++i;
  }
  std::size_t first = i;
  std::size_t indent = common_indent(s, first, i);
  if (indent == 0) throw ScanError{pos, "text block's first line must start with whitespace"};
  for (;;) {
    for (i += indent; i < s.size() && s[i] != '\n'; ++i) content += s[i];
    if (i >= s.size()) throw ScanError{pos, "unterminated text block (missing |||)"};
    content += '\n';
    ++i;
    while (i < s.size() && s[i] == '\n') {
      content += '\n';
      ++i;
    }
    indent = common_indent(s, first, i);
    if (indent == 0) break;
  }
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  if (!at(s, i, "|||")) throw ScanError{pos, "text block not terminated with |||"};
  if (chomp && !content.empty()) content.pop_back();
  if (value) *value = std::move(content);
  return i + 3;
}

std::size_t scan_number(const std::string& s, std::size_t pos) {
  std::size_t i = pos;
  if (s[i] == '0') {
    ++i;
  } else {
    while (i < s.size() && is_digit(s[i])) ++i;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (i >= s.size() || !is_digit(s[i]))
      throw ScanError{pos, "junk after decimal point in number"};
    while (i < s.size() && is_digit(s[i])) ++i;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (i >= s.size() || !is_digit(s[i])) throw ScanError{pos, "junk after exponent in number"};
    while (i < s.size() && is_digit(s[i])) ++i;
  }
  return i;
}

std::size_t scan_operator(const std::string& s, std::size_t pos) {
  // `$` may start an operator (alone it is the `$` token) but, as in jsonnet, never continues one.
  std::size_t i = pos + 1;
  while (i < s.size() && is_op_char(s[i]) && s[i] != '$') {
    if (at(s, i, "//") || at(s, i, "/*") || at(s, i, "|||")) break;
    ++i;
  }
  while (i > pos + 1) {
    char last = s[i - 1];
    if (last != '+' && last != '-' && last != '~' && last != '!') break;
    --i;
  }
  return i;
}

// Returns the end of the token starting at `pos` and its kind.
std::size_t scan_token(const std::string& s, std::size_t pos, TokenKind* kind) {
  char c = s[pos];
  if (is_space(c)) {
    *kind = TokenKind::Whitespace;
    std::size_t i = pos;
    while (i < s.size() && is_space(s[i])) ++i;
    return i;
  }
  if (c == '#' || at(s, pos, "//")) {
    *kind = TokenKind::Comment;
    std::size_t nl = s.find('\n', pos);
    return nl == std::string::npos ? s.size() : nl;
  }
  if (at(s, pos, "/*")) {
    *kind = TokenKind::Comment;
    std::size_t close = s.find("*/", pos + 2);
    if (close == std::string::npos) throw ScanError{pos, "unterminated comment"};
    return close + 2;
  }
  if (c == '"' || c == '\'') {
    *kind = TokenKind::String;
    return scan_quoted(s, pos);
  }
  if (c == '@') {
    if (pos + 1 >= s.size() || (s[pos + 1] != '"' && s[pos + 1] != '\'')) {
      throw ScanError{pos, "@ must be followed by a quote (verbatim string)"};
    }
    *kind = TokenKind::String;
    return scan_verbatim(s, pos, nullptr);
  }
  if (at(s, pos, "|||")) {
    *kind = TokenKind::String;
    return scan_text_block(s, pos, nullptr);
  }
  if (is_digit(c)) {
    *kind = TokenKind::Number;
    return scan_number(s, pos);
  }
  if (is_ident_start(c)) {
    std::size_t i = pos;
    while (i < s.size() && is_ident_char(s[i])) ++i;
    *kind = is_keyword(std::string_view(s).substr(pos, i - pos)) ? TokenKind::Keyword
                                                                 : TokenKind::Identifier;
    return i;
  }
  *kind = TokenKind::Operator;
  if (is_punctuation(c)) return pos + 1;
  if (is_op_char(c)) return scan_operator(s, pos);
  std::string shown = (c >= 0x20 && c < 0x7f)
                          ? std::string("'") + c + "'"
                          : "byte " + std::to_string(static_cast<unsigned char>(c));
  throw ScanError{pos, "unexpected character " + shown};
}

}  // namespace

bool is_keyword(std::string_view s) {
  for (auto k : kKeywords) {
    if (k == s) return true;
  }
  return false;
}

bool is_bare_identifier(std::string_view s) {
  if (s.empty() || !is_ident_start(s[0])) return false;
  for (char c : s) {
    if (!is_ident_char(c)) return false;
  }
  return !is_keyword(s);
}

std::vector<Token> lex(const std::string& text, const std::string& source) {
  std::vector<Token> tokens;
  int line = 1;
  std::size_t line_start = 0;
  std::size_t pos = 0;
  try {
    while (pos < text.size()) {
      TokenKind kind;
      std::size_t end = scan_token(text, pos, &kind);
      tokens.push_back({kind, pos, end, line, static_cast<int>(pos - line_start) + 1});
      for (std::size_t i = pos; i < end; ++i) {
        if (text[i] == '\n') {
          ++line;
          line_start = i + 1;
        }
      }
      pos = end;
    }
  } catch (const ScanError& e) {
    // Positions of errors are always at or after the current token start, on a known line.
    int err_line = line;
    std::size_t err_line_start = line_start;
    for (std::size_t i = pos; i < e.pos && i < text.size(); ++i) {
      if (text[i] == '\n') {
        ++err_line;
        err_line_start = i + 1;
      }
    }
    throw Error(source + ":" + std::to_string(err_line) + ":" +
                std::to_string(e.pos - err_line_start + 1) + ": " + e.what);
  }
  tokens.push_back({TokenKind::EndOfFile, text.size(), text.size(), line,
                    static_cast<int>(text.size() - line_start) + 1});
  return tokens;
}

std::string string_value(const std::string& text, const Token& t) {
  if (t.kind != TokenKind::String)
    throw Error("internal error: string_value of a non-string token");
  try {
    if (text[t.begin] == '@') {
      std::string value;
      scan_verbatim(text, t.begin, &value);
      return value;
    }
    if (at(text, t.begin, "|||")) {
      std::string value;
      scan_text_block(text, t.begin, &value);
      return value;
    }
    return unescape_quoted(text, t.begin + 1, t.end - 1);
  } catch (const ScanError& e) {
    throw Error("invalid string literal at line " + std::to_string(t.line) + ": " + e.what);
  }
}

}  // namespace ks::edit
