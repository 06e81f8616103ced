#include "render/stdlib/manifest_json.h"

#include <string>

#include "render/stdlib/json_text.h"
#include "render/stdlib/native.h"
#include "render/stdlib/plain_value.h"

namespace ks::render::stdlib {

namespace {

void manifest(const JsonNode& n, const std::string& indent, const std::string& newline,
              const std::string& kv_sep, const std::string& cindent, std::string& out) {
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
    case JsonNode::String:
      out += escape_json(n.text);
      return;
    case JsonNode::Array:
    case JsonNode::Object: {
      bool object = n.kind == JsonNode::Object;
      std::string inner = cindent + indent;
      out += object ? "{" : "[";
      out += newline;
      // Object keys come sorted by codepoint from libjsonnet's manifester, as std.objectFields.
      for (size_t i = 0; i < n.children.size(); ++i) {
        if (i) out += "," + newline;
        out += inner;
        if (object) out += escape_json(n.children[i].first) + kv_sep;
        manifest(n.children[i].second, indent, newline, kv_sep, inner, out);
      }
      out += newline + cindent + (object ? "}" : "]");
      return;
    }
  }
}

JsonnetJsonValue* native_manifest_json_ex(void* ctx, const JsonnetJsonValue* const* argv,
                                          int* success) {
  auto* vm = static_cast<JsonnetVm*>(ctx);
  const char* text = arg_string(vm, argv[0]);
  const char* indent = arg_string(vm, argv[1]);
  const char* newline = arg_string(vm, argv[2]);
  const char* kv_sep = arg_string(vm, argv[3]);
  if (!text || !indent || !newline || !kv_sep) return fallback(vm, success);
  JsonNode root;
  std::string input = text;
  if (!read_json_text(input, root) || root.kind != JsonNode::Array || root.children.size() != 1) {
    return fallback(vm, success);
  }
  std::string out;
  manifest(root.children[0].second, indent, newline, kv_sep, "", out);
  return served(Native::ManifestJsonEx, success, jsonnet_json_make_string(vm, out.c_str()));
}

}  // namespace

const std::string& manifest_json_fields() {
  // `__ks_s` is the stock std. The override tries the native first and falls back.
  static const std::string fields =
      "manifestJsonEx(value, indent, newline='\\n', key_val_sep=': '):: " + plain_value_locals() +
      "local r = if "
      "__ks_s.primitiveEquals(__ks_s.type(indent), 'string') && "
      "__ks_s.primitiveEquals(__ks_s.type(newline), 'string') && "
      "__ks_s.primitiveEquals(__ks_s.type(key_val_sep), 'string') then "
      "__ks_s.native('ks.manifestJsonEx')("
      "('' + ([plain(value, [])])), indent, newline, key_val_sep) else null; if "
      "!__ks_s.primitiveEquals(__ks_s.type(r), 'null') then r else "
      "__ks_s.manifestJsonEx(value, indent, newline, key_val_sep), ";
  return fields;
}

void register_manifest_json(JsonnetVm* vm) {
  static const char* kFour[] = {"a", "b", "c", "d", nullptr};
  jsonnet_native_callback(vm, "ks.manifestJsonEx", native_manifest_json_ex, vm, kFour);
}

}  // namespace ks::render::stdlib
