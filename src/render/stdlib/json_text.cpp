#include "render/stdlib/json_text.h"

#include <cstdio>
#include <cstring>

#include "base/strings.h"
#include "edit/lexer.h"

namespace ks::render::stdlib {

namespace {

class JsonNodeReader {
 public:
  explicit JsonNodeReader(const std::string& text) : s_(text) {}
  bool read(JsonNode& out) {
    if (!value(out)) return false;
    skip();
    return i_ == s_.size();
  }

 private:
  void skip() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\t' || s_[i_] == '\r'))
      ++i_;
  }
  bool literal(const char* word, JsonNode::Kind kind, JsonNode& out) {
    size_t n = std::strlen(word);
    if (s_.compare(i_, n, word) != 0) return false;
    i_ += n;
    out.kind = kind;
    return true;
  }
  // The string at i_ (a '"'), decoded by the jsonnet lexer's scanner.
  bool string(std::string& out) {
    if (s_[i_] != '"') return false;
    std::size_t end = edit::quoted_end(s_, i_);
    if (end == std::string::npos) return false;
    try {
      out = edit::unescape_quoted(s_, i_ + 1, end - 1);
    } catch (const edit::ScanError&) {
      return false;
    }
    i_ = end;
    return true;
  }
  bool value(JsonNode& out) {
    skip();
    if (i_ >= s_.size()) return false;
    char c = s_[i_];
    if (c == 'n') return literal("null", JsonNode::Null, out);
    if (c == 't') return literal("true", JsonNode::True, out);
    if (c == 'f') return literal("false", JsonNode::False, out);
    if (c == '"') {
      out.kind = JsonNode::String;
      return string(out.text);
    }
    if (c == '[' || c == '{') {
      bool object = c == '{';
      out.kind = object ? JsonNode::Object : JsonNode::Array;
      ++i_;
      skip();
      if (i_ < s_.size() && s_[i_] == (object ? '}' : ']')) {
        ++i_;
        return true;
      }
      for (;;) {
        std::string key;
        skip();
        if (object) {
          if (i_ >= s_.size() || !string(key)) return false;
          skip();
          if (i_ >= s_.size() || s_[i_++] != ':') return false;
        }
        JsonNode child;
        if (!value(child)) return false;
        out.children.push_back({std::move(key), std::move(child)});
        skip();
        if (i_ >= s_.size()) return false;
        char sep = s_[i_++];
        if (sep == ',') continue;
        return sep == (object ? '}' : ']');
      }
    }
    size_t start = i_;
    while (i_ < s_.size() && std::strchr("+-0123456789.eE", s_[i_])) ++i_;
    if (i_ == start) return false;
    out.kind = JsonNode::Number;
    out.text = s_.substr(start, i_ - start);
    return true;
  }

  const std::string& s_;
  size_t i_ = 0;
};

}  // namespace

bool read_json_text(const std::string& text, JsonNode& out) {
  return JsonNodeReader(text).read(out);
}

std::string escape_json(const std::string& s) {
  std::string out = "\"";
  for (char32_t cp : str::utf8_codepoints(s)) {
    switch (cp) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (cp < 32 || (cp >= 127 && cp <= 159)) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(cp));
          out += buf;
        } else {
          str::append_utf8(out, cp);
        }
    }
  }
  return out + "\"";
}

}  // namespace ks::render::stdlib
