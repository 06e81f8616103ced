#include "render/fast_std.h"

#include "render/fast_format.h"
#include "render/fast_yaml.h"

#include <algorithm>
#include <cstring>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/strings.h"
#include "render/json_text.h"
#include "render/jsonnet_api.h"
#include "render/native_args.h"

namespace ks::render {

namespace {

using nlohmann::json;

// ---- base64 of a string whose codepoints are bytes ----

JsonnetJsonValue* native_base64(void* ctx, const JsonnetJsonValue* const* argv, int* success) {
  auto* vm = static_cast<JsonnetVm*>(ctx);
  const char* text = arg_string(vm, argv[0]);
  if (!text) return fallback(vm, success);
  std::vector<char32_t> cps = str::utf8_codepoints(text);
  if (!same_length(vm, argv[1], cps)) return fallback(vm, success);
  for (char32_t c : cps)
    if (c > 255) return fallback(vm, success);
  static const char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((cps.size() + 2) / 3 * 4);
  for (size_t i = 0; i < cps.size(); i += 3) {
    unsigned b0 = static_cast<unsigned>(cps[i]);
    unsigned b1 = i + 1 < cps.size() ? static_cast<unsigned>(cps[i + 1]) : 0;
    unsigned b2 = i + 2 < cps.size() ? static_cast<unsigned>(cps[i + 2]) : 0;
    out += kAlphabet[b0 >> 2];
    out += kAlphabet[((b0 & 3) << 4) | (b1 >> 4)];
    out += i + 1 < cps.size() ? kAlphabet[((b1 & 15) << 2) | (b2 >> 6)] : '=';
    out += i + 2 < cps.size() ? kAlphabet[b2 & 63] : '=';
  }
  *success = 1;
  return jsonnet_json_make_string(vm, out.c_str());
}

// ---- strip functions: both arguments strings ----

template <bool Left, bool Right>
JsonnetJsonValue* native_strip(void* ctx, const JsonnetJsonValue* const* argv, int* success) {
  auto* vm = static_cast<JsonnetVm*>(ctx);
  const char* str = arg_string(vm, argv[0]);
  const char* chars = arg_string(vm, argv[1]);
  if (!str || !chars) return fallback(vm, success);
  std::vector<char32_t> s = str::utf8_codepoints(str);
  std::vector<char32_t> c = str::utf8_codepoints(chars);
  if (!same_length(vm, argv[2], s) || !same_length(vm, argv[3], c)) return fallback(vm, success);
  std::set<char32_t> strip(c.begin(), c.end());
  size_t b = 0, e = s.size();
  if (Left)
    while (b < e && strip.count(s[b])) ++b;
  if (Right)
    while (e > b && strip.count(s[e - 1])) --e;
  std::string out;
  for (size_t i = b; i < e; ++i) str::append_utf8(out, s[i]);
  *success = 1;
  return jsonnet_json_make_string(vm, out.c_str());
}

// ---- manifestJsonEx: the value arrives as the JSON text of a one-element array ----

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

// ---- sort: arrays of only numbers or only strings, passed as JSON text ----

JsonnetJsonValue* native_sort(void* ctx, const JsonnetJsonValue* const* argv, int* success) {
  auto* vm = static_cast<JsonnetVm*>(ctx);
  const char* text = arg_string(vm, argv[0]);
  JsonNode arr;
  std::string input = text ? text : "";
  if (!text || !read_json_text(input, arr) || arr.kind != JsonNode::Array)
    return fallback(vm, success);
  auto all = [&](JsonNode::Kind kind) {
    return std::all_of(arr.children.begin(), arr.children.end(),
                       [&](const auto& c) { return c.second.kind == kind; });
  };
  bool numbers = all(JsonNode::Number);
  bool strings = all(JsonNode::String);
  if (!numbers && !strings) return fallback(vm, success);
  *success = 1;
  JsonnetJsonValue* out = jsonnet_json_make_array(vm);
  if (numbers) {
    // strtod keeps -0, which stock sort keeps in its input position among equal zeros.
    std::vector<double> values;
    for (const auto& c : arr.children)
      values.push_back(std::strtod(c.second.text.c_str(), nullptr));
    std::stable_sort(values.begin(), values.end());
    for (double d : values) jsonnet_json_array_append(vm, out, jsonnet_json_make_number(vm, d));
    return out;
  }
  // UTF-8 byte order is codepoint order, which is how jsonnet compares strings.
  std::vector<std::string> values;
  for (const auto& c : arr.children) values.push_back(c.second.text);
  std::stable_sort(values.begin(), values.end());
  for (const auto& v : values)
    jsonnet_json_array_append(vm, out, jsonnet_json_make_string(vm, v.c_str()));
  return out;
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
  *success = 1;
  return jsonnet_json_make_string(vm, out.c_str());
}

// ---- mergePatch's field-set arithmetic: (target ∪ patch) \ nulls, sorted ----

JsonnetJsonValue* native_merge_keys(void* ctx, const JsonnetJsonValue* const* argv, int* success) {
  auto* vm = static_cast<JsonnetVm*>(ctx);
  const char* a = arg_string(vm, argv[0]);
  const char* b = arg_string(vm, argv[1]);
  const char* nulls = arg_string(vm, argv[2]);
  if (!a || !b || !nulls) return fallback(vm, success);
  std::set<std::string> keys;
  for (const char* list : {a, b})
    for (const auto& k : json::parse(list)) keys.insert(k.get<std::string>());
  for (const auto& k : json::parse(nulls)) keys.erase(k.get<std::string>());
  *success = 1;
  JsonnetJsonValue* out = jsonnet_json_make_array(vm);
  for (const auto& k : keys)
    jsonnet_json_array_append(vm, out, jsonnet_json_make_string(vm, k.c_str()));
  return out;
}

}  // namespace

const std::string& plain_value_locals() {
  // Only visible fields, objects rebuilt without their assertions (stock never indexes an empty
  // object, so never runs them), and stock's own error for a function. std.toString then forces
  // the value in stock's order (sorted fields, depth first), so the first error is stock's.
  static const std::string locals =
      "local type = __ks_s.type, is = __ks_s.primitiveEquals, fields = __ks_s.objectFieldsEx, "
      "make = __ks_s.makeArray, len = __ks_s.length; "
      "local plain(v, path) = local t = type(v); "
      "if is(t, 'object') then { [k]: plain(v[k], path + [k]) for k in fields(v, false) } "
      "else if is(t, 'array') then make(len(v), function(i) plain(v[i], path + [i])) "
      "else if is(t, 'function') then error 'Tried to manifest function at ' + path else v; ";
  return locals;
}

const std::string& fast_std_fields() {
  // `__ks_s` is the stock std. Every override tries the native first and falls back.
  static const std::string fields =
      "sort(arr, keyF=null):: local r = if __ks_s.primitiveEquals(__ks_s.type(keyF), 'null') && "
      "__ks_s.primitiveEquals(__ks_s.type(arr), 'array') then "
      "__ks_s.native('ks.sort')(('' + (arr))) else null; if "
      "!__ks_s.primitiveEquals(__ks_s.type(r), 'null') then r else if keyF "
      "== null then "
      "__ks_s.sort(arr) else __ks_s.sort(arr, keyF), "
      "base64(input):: local r = if __ks_s.primitiveEquals(__ks_s.type(input), 'string') then "
      "__ks_s.native('ks.base64')(input, "
      "__ks_s.length(input)) else null; "
      "if !__ks_s.primitiveEquals(__ks_s.type(r), 'null') then r else __ks_s.base64(input), "
      "stripChars(str, chars):: local r = if __ks_s.primitiveEquals(__ks_s.type(str), 'string') && "
      "__ks_s.primitiveEquals(__ks_s.type(chars), 'string') then "
      "__ks_s.native('ks.stripChars')(str, chars, __ks_s.length(str), __ks_s.length(chars)) else "
      "null; if !__ks_s.primitiveEquals(__ks_s.type(r), 'null') then r else __ks_s.stripChars(str, "
      "chars), "
      "lstripChars(str, chars):: local r = if __ks_s.primitiveEquals(__ks_s.type(str), 'string') "
      "&& __ks_s.primitiveEquals(__ks_s.type(chars), 'string') then "
      "__ks_s.native('ks.lstripChars')(str, chars, __ks_s.length(str), __ks_s.length(chars)) else "
      "null; if !__ks_s.primitiveEquals(__ks_s.type(r), 'null') then r else "
      "__ks_s.lstripChars(str, chars), "
      "rstripChars(str, chars):: local r = if __ks_s.primitiveEquals(__ks_s.type(str), 'string') "
      "&& __ks_s.primitiveEquals(__ks_s.type(chars), 'string') then "
      "__ks_s.native('ks.rstripChars')(str, chars, __ks_s.length(str), __ks_s.length(chars)) else "
      "null; if !__ks_s.primitiveEquals(__ks_s.type(r), 'null') then r else "
      "__ks_s.rstripChars(str, chars), "
      "manifestJsonEx(value, indent, newline='\\n', key_val_sep=': '):: " +
      plain_value_locals() +
      "local r = if "
      "__ks_s.primitiveEquals(__ks_s.type(indent), 'string') && "
      "__ks_s.primitiveEquals(__ks_s.type(newline), 'string') && "
      "__ks_s.primitiveEquals(__ks_s.type(key_val_sep), 'string') then "
      "__ks_s.native('ks.manifestJsonEx')("
      "('' + ([plain(value, [])])), indent, newline, key_val_sep) else null; if "
      "!__ks_s.primitiveEquals(__ks_s.type(r), 'null') then r else "
      "__ks_s.manifestJsonEx(value, indent, newline, key_val_sep), "
      "mergePatch(target, patch):: local is = __ks_s.primitiveEquals, type = __ks_s.type; "
      "if is(type(patch), 'object') then local t = if is(type(target), 'object') then target "
      "else {}; local pf = __ks_s.objectFieldsEx(patch, false); { [k]: if "
      "!__ks_s.objectHasEx(patch, k, false) then t[k] else if !__ks_s.objectHasEx(t, k, false) "
      "then std.mergePatch(null, patch[k]) tailstrict else std.mergePatch(t[k], patch[k]) "
      "tailstrict for k in __ks_s.native('ks.mergeKeys')('' + __ks_s.objectFieldsEx(t, false), "
      "'' + pf, '' + [k for k in pf if is(type(patch[k]), 'null')]) } else patch, " +
      fast_format_fields() + fast_yaml_fields();
  return fields;
}

const std::string& fast_std_prelude() {
  static const std::string prelude =
      "local __ks_s = std; local std = __ks_s { " + fast_std_fields() + "}; ";
  return prelude;
}

void register_fast_std(JsonnetVm* vm) {
  static const char* kOne[] = {"a", nullptr};
  static const char* kTwo[] = {"a", "b", nullptr};
  static const char* kThree[] = {"a", "b", "c", nullptr};
  static const char* kFour[] = {"a", "b", "c", "d", nullptr};
  jsonnet_native_callback(vm, "ks.sort", native_sort, vm, kOne);
  jsonnet_native_callback(vm, "ks.base64", native_base64, vm, kTwo);
  jsonnet_native_callback(vm, "ks.stripChars", native_strip<true, true>, vm, kFour);
  jsonnet_native_callback(vm, "ks.lstripChars", native_strip<true, false>, vm, kFour);
  jsonnet_native_callback(vm, "ks.rstripChars", native_strip<false, true>, vm, kFour);
  jsonnet_native_callback(vm, "ks.manifestJsonEx", native_manifest_json_ex, vm, kFour);
  jsonnet_native_callback(vm, "ks.mergeKeys", native_merge_keys, vm, kThree);
  register_fast_format(vm);
  register_fast_yaml(vm);
}

}  // namespace ks::render
