#include "render/dialect.h"

#include <cctype>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "edit/lexer.h"

namespace ks::render {

namespace {

using edit::Token;
using edit::TokenKind;

// Keywords after which an operand starts (so a `+` there is unary).
bool keyword_before_operand(std::string_view k) {
  return k == "then" || k == "else" || k == "if" || k == "in" || k == "assert" || k == "error" ||
         k == "return";
}

bool ends_operand(const Token& t, const std::string& text) {
  switch (t.kind) {
    case TokenKind::Identifier:
    case TokenKind::Number:
    case TokenKind::String:
      return true;
    case TokenKind::Keyword:
      return !keyword_before_operand(t.text(text));
    case TokenKind::Operator: {
      auto s = t.text(text);
      return s == ")" || s == "]" || s == "}" || s == "$";
    }
    default:
      return false;
  }
}

// Whether the `)` at `close` ends `function(...)`'s parameters, found by matching parentheses
// backwards on the raw text. Only a pre-check: a parenthesis inside a string or comment can
// mislead it, and the lexer decides.
bool closes_function_parameters(const std::string& text, size_t close) {
  int depth = 0;
  for (size_t i = close + 1; i-- > 0;) {
    if (text[i] == ')') ++depth;
    if (text[i] == '(' && --depth == 0) {
      size_t j = i;
      while (j > 0 && std::isspace(static_cast<unsigned char>(text[j - 1]))) --j;
      constexpr std::string_view kFunction = "function";
      return j >= kFunction.size() &&
             std::string_view(text).substr(j - kFunction.size(), kFunction.size()) == kFunction;
    }
  }
  return false;
}

// Cheap pre-check, so files without a possible unary `+` (nearly all) are not lexed: a `+` whose
// previous non-space character cannot end an operand, or ends a word (a keyword, maybe).
bool may_have_unary_plus(const std::string& text) {
  for (size_t i = text.find('+'); i != std::string::npos; i = text.find('+', i + 1)) {
    size_t j = i;
    while (j > 0 && std::isspace(static_cast<unsigned char>(text[j - 1]))) --j;
    if (j == 0) return true;
    char c = text[j - 1];
    if (std::isalpha(static_cast<unsigned char>(c))) {
      size_t k = j;
      while (k > 0 && (std::isalnum(static_cast<unsigned char>(text[k - 1])) || text[k - 1] == '_'))
        --k;
      if (keyword_before_operand(std::string_view(text).substr(k, j - k))) return true;
      continue;
    }
    if (c == ')' && closes_function_parameters(text, j - 1)) return true;
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '_' || c == '"' || c == '\'' ||
        c == ')' || c == ']' || c == '}' || c == '$' || c == '|')
      continue;
    return true;
  }
  return false;
}

}  // namespace

std::string rewrite_go_jsonnet_dialect(const std::string& text) {
  if (!may_have_unary_plus(text)) return text;
  std::vector<Token> tokens;
  try {
    tokens = edit::lex(text, "");
  } catch (const Error&) {
    return text;
  }
  std::string out = text;
  const Token* previous = nullptr;
  // For each open parenthesis, whether it opened `function(`'s parameters: its `)` is then
  // followed by the body, an operand, so a `+` there is unary (`function(x) +x`).
  std::vector<bool> open_parens;
  bool closed_parameters = false;
  for (const auto& t : tokens) {
    if (t.is_trivia()) continue;
    auto s = t.text(text);
    bool is_operator = t.kind == TokenKind::Operator;
    if (is_operator && s == "+" &&
        (!previous || closed_parameters || !ends_operand(*previous, text)))
      out[t.begin] = ' ';
    closed_parameters = false;
    if (is_operator && s == "(") {
      open_parens.push_back(previous && previous->kind == TokenKind::Keyword &&
                            previous->text(text) == "function");
    } else if (is_operator && s == ")" && !open_parens.empty()) {
      closed_parameters = open_parens.back();
      open_parens.pop_back();
    }
    previous = &t;
  }
  return out;
}

std::string add_go_jsonnet_hint(const std::string& message) {
  struct Hint {
    const char* libjsonnet_says;
    const char* hint;
  };
  static const Hint kHints[] = {
      {"Duplicate function parameter",
       " (ksonnet's go-jsonnet 0.11 let the last one win; rename or remove the other)"},
      {"shift by negative exponent",
       " (ksonnet's go-jsonnet 0.11 gave 0; write 0, or shift by a non-negative amount)"},
  };
  std::string first = message.substr(0, message.find('\n'));
  for (const auto& h : kHints) {
    if (first.find(h.libjsonnet_says) != std::string::npos)
      return first + h.hint + message.substr(first.size());
  }
  return message;
}

}  // namespace ks::render
