#include "edit/syntax.h"

#include <algorithm>
#include <set>

#include "base/error.h"

namespace ks::edit {
namespace {

// Deeper nesting is refused rather than risking the stack on hostile input.
constexpr int kMaxDepth = 1000;

bool is_colons(std::string_view op) {
  return !op.empty() && op.size() <= 3 && op.find_first_not_of(':') == std::string_view::npos;
}

bool is_field_separator(std::string_view op) {
  if (!op.empty() && op[0] == '+') op.remove_prefix(1);
  return is_colons(op);
}

bool is_binary_operator(std::string_view op) {
  static constexpr std::string_view kOps[] = {"*", "/",  "%",  "+",  "-", "<<", ">>", "<",  "<=",
                                              ">", ">=", "==", "!=", "&", "^",  "|",  "&&", "||"};
  for (auto o : kOps) {
    if (o == op) return true;
  }
  return false;
}

bool is_unary_operator(std::string_view op) {
  return op == "-" || op == "+" || op == "!" || op == "~";
}

class Parser {
 public:
  Parser(const std::string& text, const std::string& source) : text_(text), source_(source) {
    syntax_.tokens = lex(text, source);
    for (std::size_t i = 0; i < syntax_.tokens.size(); ++i) {
      if (!syntax_.tokens[i].is_trivia()) significant_.push_back(i);
    }
  }

  Syntax run() {
    syntax_.root = expr();
    if (kind() != TokenKind::EndOfFile) fail("expected end of file");
    return std::move(syntax_);
  }

 private:
  // ---- token access ----
  std::size_t index() const { return significant_[pos_]; }
  const Token& tok() const { return syntax_.tokens[index()]; }
  TokenKind kind() const { return tok().kind; }
  std::string_view text() const { return tok().text(text_); }
  bool is_op(std::string_view op) const { return kind() == TokenKind::Operator && text() == op; }
  bool is_kw(std::string_view kw) const { return kind() == TokenKind::Keyword && text() == kw; }
  bool starts_greedy_expr() const {
    return is_kw("local") || is_kw("if") || is_kw("function") || is_kw("assert") || is_kw("error");
  }
  std::size_t advance() {
    std::size_t i = index();
    if (kind() != TokenKind::EndOfFile) ++pos_;
    return i;
  }
  std::size_t previous() const { return significant_[pos_ - 1]; }

  [[noreturn]] void fail(const std::string& what, bool say_found = true) const {
    std::string found =
        kind() == TokenKind::EndOfFile ? "end of file" : "'" + std::string(text()) + "'";
    throw Error(source_ + ":" + std::to_string(tok().line) + ":" + std::to_string(tok().column) +
                ": " + what + (say_found ? ", found " + found : ""));
  }
  std::size_t expect_op(std::string_view op) {
    if (!is_op(op)) fail("expected '" + std::string(op) + "'");
    return advance();
  }
  void expect_kw(std::string_view kw) {
    if (!is_kw(kw)) fail("expected '" + std::string(kw) + "'");
    advance();
  }
  void expect_identifier(const char* what) {
    if (kind() != TokenKind::Identifier) fail(std::string("expected ") + what);
    advance();
  }

  struct DepthGuard {
    explicit DepthGuard(Parser* p) : parser(p) {
      if (++parser->depth_ > kMaxDepth) parser->fail("expression nested too deeply");
    }
    ~DepthGuard() { --parser->depth_; }
    Parser* parser;
  };

  // ---- grammar ----
  Expr expr() {
    DepthGuard guard(this);
    std::size_t first = index();
    while (is_kw("local")) {  // a loop, so long chains of top-level locals need no recursion
      advance();
      std::vector<std::string> names;
      bind(names);
      while (is_op(",")) {
        advance();
        bind(names);
      }
      expect_op(";");
    }
    Expr body = expr_after_locals();
    return {first, body.last, body.object};
  }

  Expr expr_after_locals() {
    std::size_t first = index();
    if (is_kw("if")) {
      advance();
      expr();
      expect_kw("then");
      Expr e = expr();
      if (is_kw("else")) {
        advance();
        e = expr();
      }
      return {first, e.last, -1};
    }
    if (is_kw("function")) {
      advance();
      expect_op("(");
      params();
      return {first, expr().last, -1};
    }
    if (is_kw("assert")) {
      advance();
      expr();
      if (is_op(":")) {
        advance();
        expr();
      }
      expect_op(";");
      return {first, expr().last, -1};
    }
    if (is_kw("error")) {
      advance();
      return {first, expr().last, -1};
    }
    return binary(first);
  }

  // A chain of operands joined by binary operators. Precedence does not matter for finding the
  // extent of an expression, so operands are parsed left to right without building a tree.
  Expr binary(std::size_t first) {
    Expr e = unary();
    bool single = true;
    for (;;) {
      if (is_kw("in")) {
        advance();
        if (is_kw("super")) {
          e.last = advance();
          single = false;
          continue;
        }
      } else if (kind() == TokenKind::Operator && is_binary_operator(text())) {
        advance();
      } else {
        break;
      }
      single = false;
      if (starts_greedy_expr()) {
        e.last = expr().last;
        break;
      }
      e.last = unary().last;
    }
    return {first, e.last, single ? e.object : -1};
  }

  Expr unary() {
    std::size_t first = index();
    bool has_unary = false;
    while (kind() == TokenKind::Operator && is_unary_operator(text())) {
      advance();
      has_unary = true;
    }
    if (has_unary && starts_greedy_expr()) return {first, expr().last, -1};
    Expr e = primary();
    bool plain = !has_unary;
    for (;;) {
      if (is_op(".")) {
        advance();
        expect_identifier("a field name after '.'");
      } else if (is_op("[")) {
        advance();
        index_or_slice();
      } else if (is_op("(")) {
        advance();
        args();
        if (is_kw("tailstrict")) advance();
      } else if (is_op("{")) {
        object();  // `expr { ... }` object extension
      } else {
        break;
      }
      plain = false;
    }
    return {first, previous(), plain ? e.object : -1};
  }

  Expr primary() {
    DepthGuard guard(this);
    std::size_t first = index();
    switch (kind()) {
      case TokenKind::String:
      case TokenKind::Number:
      case TokenKind::Identifier:
        advance();
        return {first, first, -1};
      case TokenKind::Keyword:
        if (is_kw("null") || is_kw("true") || is_kw("false") || is_kw("self")) {
          advance();
          return {first, first, -1};
        }
        if (is_kw("super")) {
          advance();
          if (!is_op(".") && !is_op("[")) fail("expected '.' or '[' after super");
          return {first, first, -1};
        }
        if (is_kw("import") || is_kw("importstr")) {
          advance();
          if (kind() != TokenKind::String || text().substr(0, 3) == "|||") {
            fail("expected a string literal after import (computed imports are not allowed)");
          }
          return {first, advance(), -1};
        }
        break;
      case TokenKind::Operator:
        if (is_op("$")) {
          advance();
          return {first, first, -1};
        }
        if (is_op("{")) {
          int object_index = object();
          return {first, previous(), object_index};
        }
        if (is_op("[")) {
          array();
          return {first, previous(), -1};
        }
        if (is_op("(")) {
          advance();
          expr();
          return {first, expect_op(")"), -1};
        }
        break;
      default:
        break;
    }
    fail("expected an expression");
  }

  void array() {
    expect_op("[");
    if (is_op("]")) {
      advance();
      return;
    }
    expr();
    if (is_op(",") && pos_ + 1 < significant_.size()) {
      const Token& next = syntax_.tokens[significant_[pos_ + 1]];
      if (next.kind == TokenKind::Keyword && next.text(text_) == "for") advance();
    }
    if (is_kw("for")) {
      for_spec();
      expect_op("]");
      return;
    }
    while (is_op(",")) {
      advance();
      if (is_op("]")) break;
      expr();
    }
    expect_op("]");
  }

  void for_spec() {
    while (is_kw("for")) {
      advance();
      expect_identifier("a variable name after 'for'");
      expect_kw("in");
      expr();
      while (is_kw("if")) {
        advance();
        expr();
      }
    }
  }

  // After `[`: `e]` or a slice `a:b:c]` / `a::c]` with optional parts, including the `]`.
  void index_or_slice() {
    if (!is_op(":") && !is_op("::")) {
      expr();
      if (is_op("]")) {
        advance();
        return;
      }
    }
    if (is_op("::")) {
      advance();
      if (!is_op("]")) expr();
    } else if (is_op(":")) {
      advance();
      if (!is_op("]") && !is_op(":")) expr();
      if (is_op(":")) {
        advance();
        if (!is_op("]")) expr();
      }
    }
    expect_op("]");
  }

  // After `(`: parameters with optional defaults, up to and including `)`.
  void params() {
    while (!is_op(")")) {
      expect_identifier("a parameter name");
      if (is_op("=")) {
        advance();
        expr();
      }
      if (!is_op(",")) break;
      advance();
    }
    expect_op(")");
  }

  // After `(`: positional and named arguments, up to and including `)`.
  void args() {
    bool named_seen = false;
    while (!is_op(")")) {
      bool named = false;
      if (kind() == TokenKind::Identifier && pos_ + 1 < significant_.size()) {
        const Token& next = syntax_.tokens[significant_[pos_ + 1]];
        named = next.kind == TokenKind::Operator && next.text(text_) == "=";
      }
      if (named) {
        advance();
        advance();
        named_seen = true;
      } else if (named_seen) {
        fail("positional argument after a named argument", false);
      }
      expr();
      if (!is_op(",")) break;
      advance();
    }
    expect_op(")");
  }

  // A `name = expr` or `name(params) = expr` binding; `names` catches duplicates in one scope.
  void bind(std::vector<std::string>& names) {
    if (kind() == TokenKind::Identifier) {
      std::string name(text());
      if (std::find(names.begin(), names.end(), name) != names.end()) {
        fail("duplicate local var '" + name + "'", false);
      }
      names.push_back(std::move(name));
    }
    expect_identifier("a variable name");
    if (is_op("(")) {
      advance();
      params();
    }
    expect_op("=");
    expr();
  }

  // Parses `{ ... }` and returns its index in syntax_.objects.
  int object() {
    DepthGuard guard(this);
    int object_index = static_cast<int>(syntax_.objects.size());
    syntax_.objects.emplace_back();
    ObjectLit lit;
    lit.open = expect_op("{");
    std::vector<std::string> locals;
    std::set<std::string> names;
    while (!is_op("}")) {
      std::size_t member_pos = pos_;
      Member m = member(locals);
      if (m.kind == MemberKind::Field && m.name && !names.insert(*m.name).second) {
        pos_ = member_pos;
        fail("duplicate field '" + *m.name + "'", false);
      }
      if (is_op(",")) m.comma = advance();
      bool comprehension = is_kw("for");
      bool ends = comprehension || is_op("}");
      if (!m.comma && !ends) fail("expected ',' or '}' after object member");
      lit.members.push_back(std::move(m));
      if (comprehension) {
        check_comprehension(lit);
        for_spec();
        lit.comprehension = true;
        if (!is_op("}")) fail("expected '}' after object comprehension");
      }
    }
    lit.close = advance();
    syntax_.objects[object_index] = std::move(lit);
    return object_index;
  }

  // jsonnet's rules for `{ [k]: v for ... }`: one `[e]:` field, locals, no asserts.
  void check_comprehension(const ObjectLit& lit) {
    int fields = 0;
    for (const Member& m : lit.members) {
      if (m.kind == MemberKind::Assert) fail("object comprehensions cannot have asserts", false);
      if (m.kind != MemberKind::Field) continue;
      ++fields;
      if (m.name) fail("object comprehensions can only have [e] fields", false);
      std::string_view sep = syntax_.tokens[m.separator].text(text_);
      if (sep != ":" && sep != "+:") fail("object comprehensions cannot have hidden fields", false);
    }
    if (fields != 1) fail("object comprehensions must have exactly one field", false);
  }

  Member member(std::vector<std::string>& locals) {
    Member m;
    m.first = index();
    if (is_kw("local")) {
      m.kind = MemberKind::Local;
      advance();
      bind(locals);
      m.last = previous();
      return m;
    }
    if (is_kw("assert")) {
      m.kind = MemberKind::Assert;
      advance();
      expr();
      if (is_op(":")) {
        advance();
        expr();
      }
      m.last = previous();
      return m;
    }
    if (kind() == TokenKind::Identifier) {
      m.name = std::string(text());
      advance();
    } else if (kind() == TokenKind::String) {
      m.name = string_value(text_, tok());
      advance();
    } else if (is_op("[")) {
      advance();
      expr();
      expect_op("]");
    } else {
      fail("expected a field name");
    }
    bool method = is_op("(");
    if (method) {  // `f(x): ...`
      advance();
      params();
    }
    if (kind() != TokenKind::Operator || !is_field_separator(text())) {
      fail("expected ':', '::', '+:' or similar after field name");
    }
    if (method && text()[0] == '+') fail("cannot use +: in a method", false);
    m.plus = text()[0] == '+';
    m.separator = advance();
    m.value = expr();
    m.last = m.value.last;
    return m;
  }

  const std::string& text_;
  const std::string& source_;
  Syntax syntax_;
  std::vector<std::size_t> significant_;  // indices of non-trivia tokens (EndOfFile last)
  std::size_t pos_ = 0;
  int depth_ = 0;
};

}  // namespace

Syntax parse_syntax(const std::string& text, const std::string& source) {
  return Parser(text, source).run();
}

}  // namespace ks::edit
