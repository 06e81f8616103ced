#include "render/literal.h"

#include <cmath>
#include <cstdlib>

#include "base/error.h"
#include "edit/lexer.h"

namespace ks::render {

namespace {

using nlohmann::json;

class LiteralReader {
 public:
  LiteralReader(const std::string& text, const std::vector<edit::Token>& tokens) : text_(text) {
    for (auto& t : tokens)
      if (!t.is_trivia() && t.kind != edit::TokenKind::EndOfFile) tokens_.push_back(t);
  }

  std::optional<json> read() {
    json v;
    if (!value(v) || pos_ != tokens_.size()) return std::nullopt;
    return v;
  }

  std::optional<LiteralPatch> read_patch() {
    LiteralPatch p;
    if (!is("{") || !patch(p) || pos_ != tokens_.size()) return std::nullopt;
    return p;
  }

 private:
  bool is(const char* op) const {
    return pos_ < tokens_.size() && tokens_[pos_].kind == edit::TokenKind::Operator &&
           tokens_[pos_].text(text_) == op;
  }

  static json number(double d) {
    // Integral values become integers so they print as jsonnet prints them (libjsonnet prints
    // every integral double without an exponent; ks reads that text back as an integer when it
    // fits 64 bits).
    if (std::nearbyint(d) == d && std::fabs(d) < 9.2e18) return static_cast<long long>(d);
    if (std::nearbyint(d) == d && d > 0 && d < 1.8e19) return static_cast<unsigned long long>(d);
    return d;
  }

  bool value(json& out) {
    if (pos_ >= tokens_.size()) return false;
    const edit::Token& t = tokens_[pos_];
    std::string_view s = t.text(text_);
    switch (t.kind) {
      case edit::TokenKind::String:
        if (s.rfind("|||", 0) == 0)
          return false;  // text blocks: leave their indentation rules to jsonnet
        out = edit::string_value(text_, t);
        ++pos_;
        return true;
      case edit::TokenKind::Number:
        out = number(std::strtod(std::string(s).c_str(), nullptr));
        ++pos_;
        return true;
      case edit::TokenKind::Keyword:
        if (s == "true")
          out = true;
        else if (s == "false")
          out = false;
        else if (s == "null")
          out = nullptr;
        else
          return false;
        ++pos_;
        return true;
      case edit::TokenKind::Operator:
        if (s == "-" && pos_ + 1 < tokens_.size() &&
            tokens_[pos_ + 1].kind == edit::TokenKind::Number) {
          ++pos_;
          json n;
          if (!value(n)) return false;
          out = number(-n.get<double>());
          return true;
        }
        if (s == "[") return array(out);
        if (s == "{") return object(out);
        return false;
      default:
        return false;
    }
  }

  bool array(json& out) {
    out = json::array();
    ++pos_;
    while (!is("]")) {
      json item;
      if (!value(item)) return false;
      out.push_back(std::move(item));
      if (is(","))
        ++pos_;
      else if (!is("]"))
        return false;
    }
    ++pos_;
    return true;
  }

  // A field name: an identifier or a quoted string (not a text block).
  bool key(std::string& out) {
    if (pos_ >= tokens_.size()) return false;
    const edit::Token& k = tokens_[pos_];
    if (k.kind == edit::TokenKind::Identifier)
      out = std::string(k.text(text_));
    else if (k.kind == edit::TokenKind::String && k.text(text_).rfind("|||", 0) != 0)
      out = edit::string_value(text_, k);
    else
      return false;
    ++pos_;
    return true;
  }

  bool patch(LiteralPatch& out) {
    ++pos_;
    while (!is("}")) {
      std::string k;
      if (!key(k)) return false;
      if (out.set.contains(k) || out.merge.count(k)) return false;  // jsonnet reports duplicates
      if (is(":")) {
        ++pos_;
        json v;
        if (!value(v)) return false;
        out.set[k] = std::move(v);
      } else if (is("+:")) {
        ++pos_;
        if (!is("{") || !patch(out.merge[k])) return false;  // `+:` onto arrays etc.: jsonnet's
      } else {
        return false;
      }
      if (is(","))
        ++pos_;
      else if (!is("}"))
        return false;
    }
    ++pos_;
    return true;
  }

  bool object(json& out) {
    out = json::object();
    ++pos_;
    while (!is("}")) {
      std::string key;
      if (!this->key(key)) return false;
      if (!is(":")) return false;  // `::` hides, `+:` merges: not plain data
      ++pos_;
      if (out.contains(key)) return false;  // jsonnet reports duplicates
      json v;
      if (!value(v)) return false;
      out[key] = std::move(v);
      if (is(","))
        ++pos_;
      else if (!is("}"))
        return false;
    }
    ++pos_;
    return true;
  }

  const std::string& text_;
  std::vector<edit::Token> tokens_;
  size_t pos_ = 0;
};

}  // namespace

std::optional<nlohmann::json> literal_json(const std::string& text) {
  try {
    return LiteralReader(text, edit::lex(text, "")).read();
  } catch (const Error&) {
    return std::nullopt;
  }
}

std::optional<LiteralPatch> literal_patch(const std::string& text) {
  try {
    return LiteralReader(text, edit::lex(text, "")).read_patch();
  } catch (const Error&) {
    return std::nullopt;
  }
}

std::optional<nlohmann::json> apply_patch(const nlohmann::json& base, const LiteralPatch& patch) {
  // `+` of two objects; a `+:` field whose super is missing is the patch's own object.
  if (!base.is_object()) return std::nullopt;
  json out = base;
  for (auto it = patch.set.begin(); it != patch.set.end(); ++it) out[it.key()] = it.value();
  for (const auto& [k, sub] : patch.merge) {
    auto merged = apply_patch(out.contains(k) ? out[k] : json::object(), sub);
    if (!merged) return std::nullopt;
    out[k] = std::move(*merged);
  }
  return out;
}

}  // namespace ks::render
