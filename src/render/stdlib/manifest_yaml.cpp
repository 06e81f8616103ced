#include "render/stdlib/manifest_yaml.h"

#include "render/stdlib/plain_value.h"

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "render/jsonnet_api.h"
#include "render/stdlib/json_text.h"
#include "render/stdlib/native.h"

namespace ks::render::stdlib {

namespace {

// Stock spends about two jsonnet stack frames per level of the value and runs out of the VM's 500
// near depth 220. Deeper values go to stock, so "max stack frames exceeded" comes from stock, and
// only a caller already ~430 frames deep could see stock fail where the native does not.
constexpr int kMaxDepth = 32;

struct YamlStyle {
  bool indent_array_in_object = false;
  bool quote_keys = true;
};

bool only_chars(const std::string& key, const char* allowed) {
  for (char c : key)
    if (!std::strchr(allowed, c)) return false;
  return true;
}

size_t count_char(const std::string& s, char c) {
  size_t n = 0;
  for (char x : s) n += x == c;
  return n;
}

std::string ascii_lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return s;
}

// Stock's bareSafe: a key YAML would read as a plain string, checked as conservatively as stock.
bool bare_safe(const std::string& key) {
  static const char kDigits[] = "0123456789";
  const std::string digits = kDigits;
  const std::string safe =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-/" + digits + "e._-";
  // After this check the key is ASCII, so bytes are codepoints.
  if (key.empty() || !only_chars(key, safe.c_str())) return false;
  std::string lower = ascii_lower(key);
  static const char* const kReserved[] = {"true",  "false", "yes",  "no",   "on",
                                          "off",   "y",     "n",    ".nan", "-.inf",
                                          "+.inf", ".inf",  "null", "-",    "---"};
  for (const char* word : kReserved)
    if (lower == word) return false;
  size_t dashes = count_char(key, '-');
  auto starts = [&](const char* prefix) {
    return key.rfind(prefix, 0) == 0 || key.rfind(std::string("-") + prefix, 0) == 0;
  };
  if (only_chars(key, (digits + "-").c_str()) && dashes == 2) return false;
  if (only_chars(lower, (digits + "_-").c_str()) && dashes < 2) return false;
  if (only_chars(lower, (digits + "_-b").c_str()) && key.size() > 2 && starts("0b")) return false;
  if (only_chars(lower, (digits + "e._-").c_str()) && count_char(key, '.') == 1 && dashes < 3 &&
      count_char(lower, 'e') < 2) {
    return false;
  }
  if (only_chars(lower, (digits + "abcdefx_-").c_str()) && dashes < 2 && key.size() > 2 &&
      starts("0x")) {
    return false;
  }
  return true;
}

bool non_empty(const JsonNode& n, JsonNode::Kind kind) {
  return n.kind == kind && !n.children.empty();
}

void emit(const JsonNode& n, const YamlStyle& style, const std::string& cindent, std::string& out) {
  switch (n.kind) {
    case JsonNode::Null:
      out += "null";
      return;
    case JsonNode::True:
      out += "true";
      return;
    case JsonNode::False:
      out += "false";
      return;
    case JsonNode::Number:
      out += n.text;
      return;
    case JsonNode::String: {
      const std::string& s = n.text;
      if (s.empty()) {
        out += "\"\"";
      } else if (s.back() == '\n') {
        // Block literal: each line (the empty piece after the final newline dropped) indented.
        out += '|';
        for (size_t start = 0; start < s.size();) {
          size_t end = s.find('\n', start);
          out += '\n' + cindent + "  ";
          out.append(s, start, end - start);
          start = end + 1;
        }
      } else {
        out += escape_json(s);
      }
      return;
    }
    case JsonNode::Array:
      if (n.children.empty()) {
        out += "[]";
        return;
      }
      for (size_t i = 0; i < n.children.size(); ++i) {
        const JsonNode& child = n.children[i].second;
        if (i) out += '\n' + cindent;
        out += '-';
        if (non_empty(child, JsonNode::Array)) {
          out += '\n' + cindent + "  ";
          emit(child, style, cindent + "  ", out);
        } else {
          out += ' ';
          emit(child, style, non_empty(child, JsonNode::Object) ? cindent + "  " : cindent, out);
        }
      }
      return;
    case JsonNode::Object:
      if (n.children.empty()) {
        out += "{}";
        return;
      }
      // Keys come sorted by codepoint from libjsonnet's manifester, as std.objectFields.
      for (size_t i = 0; i < n.children.size(); ++i) {
        const auto& [key, child] = n.children[i];
        if (i) out += '\n' + cindent;
        out += style.quote_keys || !bare_safe(key) ? escape_json(key) : key;
        out += ':';
        std::string indent = cindent;
        if (non_empty(child, JsonNode::Object) ||
            (non_empty(child, JsonNode::Array) && style.indent_array_in_object)) {
          indent += "  ";
        }
        if (non_empty(child, JsonNode::Object) || non_empty(child, JsonNode::Array)) {
          out += '\n' + indent;
        } else {
          out += ' ';
        }
        emit(child, style, indent, out);
      }
      return;
  }
}

int depth(const JsonNode& n) {
  int d = 0;
  for (const auto& c : n.children) d = std::max(d, depth(c.second));
  return d + 1;
}

bool read_bool(JsonnetVm* vm, const JsonnetJsonValue* v, bool& out) {
  int b = jsonnet_json_extract_bool(vm, v);
  out = b == 1;
  return b == 0 || b == 1;
}

// The documents of `text` (a JSON array), each as manifestYamlDoc; false when stock must do it.
bool emit_docs(JsonnetVm* vm, const char* text, const JsonnetJsonValue* indent_array,
               const JsonnetJsonValue* quote_keys, std::vector<std::string>& docs) {
  YamlStyle style;
  if (!text || !read_bool(vm, indent_array, style.indent_array_in_object) ||
      !read_bool(vm, quote_keys, style.quote_keys)) {
    return false;
  }
  JsonNode root;
  if (!read_json_text(text, root) || root.kind != JsonNode::Array || depth(root) > kMaxDepth)
    return false;
  for (const auto& doc : root.children) {
    docs.emplace_back();
    emit(doc.second, style, "", docs.back());
    // A U+0000 would cut the C string result short.
    if (docs.back().find('\0') != std::string::npos) return false;
  }
  return true;
}

// (JSON text of [value], indent_array_in_object, quote_keys)
JsonnetJsonValue* native_doc(void* ctx, const JsonnetJsonValue* const* argv, int* success) {
  auto* vm = static_cast<JsonnetVm*>(ctx);
  std::vector<std::string> docs;
  if (!emit_docs(vm, arg_string(vm, argv[0]), argv[1], argv[2], docs) || docs.size() != 1)
    return fallback(vm, success);
  return served(Native::ManifestYamlDoc, success, jsonnet_json_make_string(vm, docs[0].c_str()));
}

// (JSON text of the documents, indent_array_in_object, c_document_end, quote_keys)
JsonnetJsonValue* native_stream(void* ctx, const JsonnetJsonValue* const* argv, int* success) {
  auto* vm = static_cast<JsonnetVm*>(ctx);
  std::vector<std::string> docs;
  bool end_marker = false;
  if (!read_bool(vm, argv[2], end_marker) ||
      !emit_docs(vm, arg_string(vm, argv[0]), argv[1], argv[3], docs)) {
    return fallback(vm, success);
  }
  std::string out = "---\n";
  for (size_t i = 0; i < docs.size(); ++i) out += (i ? "\n---\n" : "") + docs[i];
  out += end_marker ? "\n...\n" : "\n";
  return served(Native::ManifestYamlStream, success, jsonnet_json_make_string(vm, out.c_str()));
}

}  // namespace

const std::string& manifest_yaml_fields() {
  const std::string& plain = plain_value_locals();
  static const std::string fields =
      "manifestYamlDoc(value, indent_array_in_object=false, quote_keys=true):: " + plain +
      "local r = if __ks_s.primitiveEquals(__ks_s.type(indent_array_in_object), 'boolean') && "
      "__ks_s.primitiveEquals(__ks_s.type(quote_keys), 'boolean') "
      "then __ks_s.native('ks.manifestYamlDoc')(('' + ([plain(value, [])])), "
      "indent_array_in_object, quote_keys) else null; if !__ks_s.primitiveEquals(__ks_s.type(r), "
      "'null') then r else "
      "__ks_s.manifestYamlDoc(value, indent_array_in_object, quote_keys), "
      "manifestYamlStream(value, indent_array_in_object=false, c_document_end=true, "
      "quote_keys=true):: " +
      plain +
      "local r = if __ks_s.primitiveEquals(__ks_s.type(value), 'array') && "
      "__ks_s.primitiveEquals(__ks_s.type(indent_array_in_object), 'boolean') && "
      "__ks_s.primitiveEquals(__ks_s.type(c_document_end), 'boolean') && "
      "__ks_s.primitiveEquals(__ks_s.type(quote_keys), 'boolean') then "
      "__ks_s.native('ks.manifestYamlStream')(('' + (__ks_s.makeArray("
      "__ks_s.length(value), function(i) plain(value[i], [])))), indent_array_in_object, "
      "c_document_end, quote_keys) else null; if !__ks_s.primitiveEquals(__ks_s.type(r), 'null') "
      "then r else "
      "__ks_s.manifestYamlStream(value, indent_array_in_object, c_document_end, quote_keys), ";
  return fields;
}

void register_manifest_yaml(JsonnetVm* vm) {
  static const char* kThree[] = {"a", "b", "c", nullptr};
  static const char* kFour[] = {"a", "b", "c", "d", nullptr};
  jsonnet_native_callback(vm, "ks.manifestYamlDoc", native_doc, vm, kThree);
  jsonnet_native_callback(vm, "ks.manifestYamlStream", native_stream, vm, kFour);
}

}  // namespace ks::render::stdlib
