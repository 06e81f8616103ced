#include "selectors.h"

#include <algorithm>
#include <cctype>
#include <cstring>

#include "base/error.h"
#include "base/strings.h"

namespace kta {

namespace {

using Op = Requirement::Op;

class Lexer {
 public:
  explicit Lexer(const std::string& text) : s_(text) {}

  void skip_space() {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
  }
  bool done() {
    skip_space();
    return pos_ >= s_.size();
  }
  bool accept(const std::string& token) {
    skip_space();
    if (s_.compare(pos_, token.size(), token) != 0) return false;
    pos_ += token.size();
    return true;
  }
  // A key or value: everything up to an operator, separator, paren or space.
  std::string word() {
    skip_space();
    size_t start = pos_;
    while (pos_ < s_.size() && !std::strchr(" \t,()=!<>", s_[pos_])) ++pos_;
    return s_.substr(start, pos_ - start);
  }
  // The keywords `in`/`notin` must be followed by space or `(`.
  bool accept_keyword(const std::string& kw) {
    skip_space();
    size_t save = pos_;
    if (!accept(kw)) return false;
    if (pos_ < s_.size() &&
        (std::isspace(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '(')) {
      return true;
    }
    pos_ = save;
    return false;
  }
  size_t pos() const { return pos_; }

 private:
  const std::string& s_;
  size_t pos_ = 0;
};

[[noreturn]] void fail(const std::string& text, const std::string& why) {
  throw ks::Error("unable to parse requirement: " + why + " in selector \"" + text + "\"");
}

bool valid_label_value(const std::string& v) {
  if (v.size() > 63) return false;
  if (v.empty()) return true;
  auto alnum = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
  if (!alnum(v.front()) || !alnum(v.back())) return false;
  return std::all_of(v.begin(), v.end(),
                     [&](char c) { return alnum(c) || c == '-' || c == '_' || c == '.'; });
}

bool valid_label_key(const std::string& k) {
  auto slash = k.find('/');
  std::string name = slash == std::string::npos ? k : k.substr(slash + 1);
  if (slash != std::string::npos) {
    std::string prefix = k.substr(0, slash);
    if (prefix.empty() || prefix.size() > 253) return false;
  }
  return !name.empty() && valid_label_value(name);
}

std::vector<std::string> parse_values(Lexer& lx, const std::string& text) {
  if (!lx.accept("(")) fail(text, "expected '(' after set operator");
  std::vector<std::string> values;
  if (lx.accept(")")) return values;
  for (;;) {
    std::string v = lx.word();
    if (!valid_label_value(v)) fail(text, "invalid label value \"" + v + "\"");
    values.push_back(v);
    if (lx.accept(")")) return values;
    if (!lx.accept(",")) fail(text, "expected ',' or ')' in value set");
  }
}

Requirement parse_requirement(Lexer& lx, const std::string& text) {
  Requirement r;
  if (lx.accept("!")) {
    r.key = lx.word();
    r.op = Op::DoesNotExist;
    if (!valid_label_key(r.key)) fail(text, "invalid label key \"" + r.key + "\"");
    return r;
  }
  r.key = lx.word();
  if (!valid_label_key(r.key)) fail(text, "invalid label key \"" + r.key + "\"");
  if (lx.done() || lx.accept(",")) {
    r.op = Op::Exists;
    return r;
  }
  if (lx.accept("==") || lx.accept("=")) {
    r.op = Op::Equals;
  } else if (lx.accept("!=")) {
    r.op = Op::NotEquals;
  } else if (lx.accept(">")) {
    r.op = Op::GreaterThan;
  } else if (lx.accept("<")) {
    r.op = Op::LessThan;
  } else if (lx.accept_keyword("notin")) {
    r.op = Op::NotIn;
    r.values = parse_values(lx, text);
    return r;
  } else if (lx.accept_keyword("in")) {
    r.op = Op::In;
    r.values = parse_values(lx, text);
    return r;
  } else {
    fail(text, "found unexpected input after key \"" + r.key + "\"");
  }
  std::string v = lx.word();
  if (r.op == Op::GreaterThan || r.op == Op::LessThan) {
    if (v.empty() || !std::all_of(v.begin(), v.end(), ::isdigit)) {
      fail(text, "for 'Gt', 'Lt' operators, the value must be an integer");
    }
  } else if (!valid_label_value(v)) {
    fail(text, "invalid label value \"" + v + "\"");
  }
  r.values = {v};
  return r;
}

bool matches_requirement(const Requirement& r, const std::map<std::string, std::string>& labels) {
  auto it = labels.find(r.key);
  bool has = it != labels.end();
  auto in_values = [&] {
    return has && std::find(r.values.begin(), r.values.end(), it->second) != r.values.end();
  };
  switch (r.op) {
    case Op::Exists:
      return has;
    case Op::DoesNotExist:
      return !has;
    case Op::Equals:
    case Op::In:
      return in_values();
    case Op::NotEquals:
    case Op::NotIn:
      return !in_values();
    case Op::GreaterThan:
    case Op::LessThan: {
      if (!has) return false;
      try {
        long long have = std::stoll(it->second), want = std::stoll(r.values.at(0));
        return r.op == Op::GreaterThan ? have > want : have < want;
      } catch (const std::exception&) {
        return false;
      }
    }
  }
  return false;
}

}  // namespace

LabelSelector parse_label_selector(const std::string& text) {
  LabelSelector sel;
  Lexer lx(text);
  while (!lx.done()) {
    sel.requirements.push_back(parse_requirement(lx, text));
    if (lx.done()) break;
    if (!lx.accept(",")) {
      // parse_requirement already consumed a trailing comma after a bare key
      if (sel.requirements.back().op != Op::Exists) fail(text, "expected ','");
    }
  }
  return sel;
}

bool LabelSelector::matches(const std::map<std::string, std::string>& labels) const {
  return std::all_of(requirements.begin(), requirements.end(),
                     [&](const Requirement& r) { return matches_requirement(r, labels); });
}

bool LabelSelector::matches(const nlohmann::json& object) const {
  std::map<std::string, std::string> labels;
  if (object.contains("metadata") && object["metadata"].contains("labels")) {
    for (const auto& [k, v] : object["metadata"]["labels"].items()) {
      if (v.is_string()) labels[k] = v.get<std::string>();
    }
  }
  return matches(labels);
}

FieldSelector parse_field_selector(const std::string& text) {
  FieldSelector sel;
  for (const auto& raw : ks::str::split(text, ',')) {
    std::string term = ks::str::trim(raw);
    if (term.empty()) continue;
    FieldSelector::Term t;
    size_t pos;
    size_t op_len = 1;
    if ((pos = term.find("!=")) != std::string::npos) {
      t.negate = true;
      op_len = 2;
    } else if ((pos = term.find("==")) != std::string::npos) {
      op_len = 2;
    } else if ((pos = term.find('=')) == std::string::npos) {
      throw ks::Error("invalid selector: '" + text + "'; can't understand '" + term + "'");
    }
    t.field = ks::str::trim(term.substr(0, pos));
    t.value = ks::str::trim(term.substr(pos + op_len));
    if (t.field != "metadata.name" && t.field != "metadata.namespace") {
      throw ks::Error("\"" + t.field +
                      "\" is not a known field selector: only \"metadata.name\", "
                      "\"metadata.namespace\"");
    }
    sel.terms.push_back(t);
  }
  return sel;
}

bool FieldSelector::matches(const nlohmann::json& object) const {
  for (const auto& t : terms) {
    std::string have;
    const auto& meta = object.contains("metadata") ? object["metadata"] : nlohmann::json::object();
    std::string key = t.field == "metadata.name" ? "name" : "namespace";
    if (meta.contains(key) && meta[key].is_string()) have = meta[key].get<std::string>();
    if ((have == t.value) == t.negate) return false;
  }
  return true;
}

}  // namespace kta
