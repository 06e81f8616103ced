#include "base/yaml.h"

#include <algorithm>
#include <cmath>
#include <regex>

#include "base/error.h"
#include "base/yaml_reader.h"

namespace ks::yaml {

namespace {

bool is_null_word(const std::string& s) {
  return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL";
}

int bool_word(const std::string& s) {
  if (s.empty() || s.size() > 5) return -1;  // the longest word is "false"
  static const char* kTrue[] = {"true", "True", "TRUE", "yes", "Yes", "YES",
                                "on",   "On",   "ON",   "y",   "Y"};
  static const char* kFalse[] = {"false", "False", "FALSE", "no", "No", "NO",
                                 "off",   "Off",   "OFF",   "n",  "N"};
  for (const char* t : kTrue)
    if (s == t) return 1;
  for (const char* f : kFalse)
    if (s == f) return 0;
  return -1;
}

// Both number patterns below start with a sign, a digit or a dot: every other string is spared
// std::regex, which was a third of a warm `ks show` (writing YAML quotes every key and value).
bool may_be_number(const std::string& s) {
  if (s.empty()) return false;
  char c = s[0];
  return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.';
}

const std::regex& int_re() {
  static const std::regex re(
      R"(^[-+]?(0|[1-9][0-9_]*)$|^[-+]?0[0-7_]+$|^[-+]?0x[0-9a-fA-F_]+$|^[-+]?0o[0-7]+$|^[-+]?0b[01_]+$)");
  return re;
}

const std::regex& float_re() {
  static const std::regex re(
      R"(^[-+]?([0-9][0-9_]*)?\.[0-9_]*([eE][-+]?[0-9]+)?$|^[-+]?[0-9][0-9_]*([eE][-+]?[0-9]+)$|^[-+]?\.(inf|Inf|INF)$|^\.(nan|NaN|NAN)$)");
  return re;
}

}  // namespace

nlohmann::json plain_scalar(const std::string& s) {
  if (is_null_word(s)) return nullptr;
  int b = bool_word(s);
  if (b >= 0) return b == 1;
  if (may_be_number(s) && std::regex_match(s, int_re())) {
    std::string digits;
    for (char c : s)
      if (c != '_') digits += c;
    int base = 10;
    std::string body = digits;
    bool neg = false;
    if (!body.empty() && (body[0] == '-' || body[0] == '+')) {
      neg = body[0] == '-';
      body = body.substr(1);
    }
    if (body.rfind("0x", 0) == 0)
      base = 16, body = body.substr(2);
    else if (body.rfind("0o", 0) == 0)
      base = 8, body = body.substr(2);
    else if (body.rfind("0b", 0) == 0)
      base = 2, body = body.substr(2);
    else if (body.size() > 1 && body[0] == '0')
      base = 8;
    try {
      long long v = std::stoll(body, nullptr, base);
      return neg ? -v : v;
    } catch (const std::out_of_range&) {
      double d = std::strtod(digits.c_str(), nullptr);
      if (!std::isfinite(d)) return s;  // as kubectl: a number out of range stays a string
      return d;
    }
  }
  if (may_be_number(s) && std::regex_match(s, float_re())) {
    std::string t;
    for (char c : s)
      if (c != '_') t += c;
    std::string lower = t;
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower.find("inf") != std::string::npos || lower.find("nan") != std::string::npos)
      return s;  // JSON has no inf/nan
    double d = std::strtod(t.c_str(), nullptr);
    if (!std::isfinite(d)) return s;  // 1e999: kubectl's reader keeps it a string too
    return d;
  }
  return s;
}

namespace {

// --- writing ---

bool printable_plain_char(unsigned char c) {
  return c >= 0x20 && c != 0x7f;
}

std::string double_quoted(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\x%02x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

bool literal_block_ok(const std::string& s) {
  if (s.find('\n') == std::string::npos) return false;
  if (s.front() == ' ' || s.front() == '\t' || s.front() == '\n') return false;
  for (unsigned char c : s)
    if (c != '\n' && c != '\t' && !printable_plain_char(c)) return false;
  // A line of only spaces before a more-indented line would confuse the indentation rules.
  for (size_t pos = 0; (pos = s.find('\n', pos)) != std::string::npos; ++pos) {
    if (pos + 1 < s.size() && (s[pos + 1] == ' ' || s[pos + 1] == '\t')) return false;
  }
  return true;
}

std::string scalar_text(const nlohmann::json& v) {
  switch (v.type()) {
    case nlohmann::json::value_t::null:
      return "null";
    case nlohmann::json::value_t::boolean:
      return v.get<bool>() ? "true" : "false";
    case nlohmann::json::value_t::string: {
      const auto& s = v.get_ref<const std::string&>();
      return needs_quotes(s) ? double_quoted(s) : s;
    }
    default:
      return v.dump();
  }
}

void emit_value(const nlohmann::json& v, int indent, std::string& out);

void emit_block_string(const std::string& s, int indent, std::string& out) {
  size_t trailing = 0;
  while (trailing < s.size() && s[s.size() - 1 - trailing] == '\n') ++trailing;
  out += trailing == 0 ? "|-" : trailing == 1 ? "|" : "|+";
  out += '\n';
  std::string pad(static_cast<size_t>(indent), ' ');
  std::string body = s.substr(0, s.size() - trailing);
  size_t start = 0;
  for (;;) {
    size_t nl = body.find('\n', start);
    std::string line = body.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    if (!line.empty()) out += pad + line;
    out += '\n';
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  for (size_t i = 1; i < trailing; ++i) out += '\n';
}

// Emits `v` as the value after "key:" (or "- "); `indent` is the indentation of nested lines.
void emit_after_key(const nlohmann::json& v, int indent, std::string& out, bool in_list_item) {
  if (v.is_object() && !v.empty()) {
    out += '\n';
    emit_value(v, indent, out);
  } else if (v.is_array() && !v.empty()) {
    out += '\n';
    // Lists under a key sit at the key's own indentation (ghodss/yaml style).
    emit_value(v, in_list_item ? indent : indent - 2, out);
  } else if (v.is_object()) {
    out += " {}\n";
  } else if (v.is_array()) {
    out += " []\n";
  } else if (v.is_string() && literal_block_ok(v.get_ref<const std::string&>())) {
    out += ' ';
    emit_block_string(v.get_ref<const std::string&>(), indent, out);
  } else {
    out += ' ' + scalar_text(v) + '\n';
  }
}

void emit_value(const nlohmann::json& v, int indent, std::string& out) {
  std::string pad(static_cast<size_t>(indent), ' ');
  if (v.is_object()) {
    for (auto it = v.begin(); it != v.end(); ++it) {
      out += pad + scalar_text(it.key()) + ':';
      emit_after_key(it.value(), indent + 2, out, false);
    }
  } else if (v.is_array()) {
    for (const auto& item : v) {
      out += pad + "-";
      if (item.is_object() && !item.empty()) {
        // First key on the dash line, the rest aligned under it.
        std::string nested;
        emit_value(item, indent + 2, nested);
        out += ' ' + nested.substr(static_cast<size_t>(indent) + 2);
      } else if (item.is_array() && !item.empty()) {
        std::string nested;
        emit_value(item, indent + 2, nested);
        out += ' ' + nested.substr(static_cast<size_t>(indent) + 2);
      } else {
        emit_after_key(item, indent + 2, out, true);
      }
    }
  } else if (v.is_string() && literal_block_ok(v.get_ref<const std::string&>())) {
    // A document that is one multi-line string: yaml-cpp reads a root block scalar whose lines
    // are not indented as empty (found by fuzz_yaml_stream), so they are indented.
    emit_block_string(v.get_ref<const std::string&>(), std::max(indent, 2), out);
  } else {
    out += pad + scalar_text(v) + '\n';
  }
}

}  // namespace

nlohmann::json parse(const std::string& text, const std::string& source) {
  std::vector<nlohmann::json> docs = read_documents(text, source, /*first_only=*/true);
  return docs.empty() ? nlohmann::json(nullptr) : std::move(docs.front());
}

std::vector<nlohmann::json> parse_all(const std::string& text, const std::string& source) {
  std::vector<nlohmann::json> docs;
  for (auto& doc : read_documents(text, source, /*first_only=*/false))
    if (!doc.is_null()) docs.push_back(std::move(doc));
  return docs;
}

bool needs_quotes(const std::string& s) {
  if (s.empty()) return true;
  if (is_null_word(s) || bool_word(s) >= 0) return true;
  if (may_be_number(s) && (std::regex_match(s, int_re()) || std::regex_match(s, float_re())))
    return true;
  static const std::string kIndicators = "-?:,[]{}#&*!|>'\"%@`";
  if (kIndicators.find(s[0]) != std::string::npos) return true;
  if (s.front() == ' ' || s.back() == ' ' || s.back() == ':') return true;
  if (s.find(": ") != std::string::npos || s.find(" #") != std::string::npos) return true;
  if (s == "<<" || s == "=") return true;
  for (unsigned char c : s)
    if (!printable_plain_char(c)) return true;
  return false;
}

std::string emit(const nlohmann::json& value) {
  std::string out;
  if ((value.is_object() || value.is_array()) && value.empty())
    return value.is_object() ? "{}\n" : "[]\n";
  emit_value(value, 0, out);
  return out;
}

}  // namespace ks::yaml
