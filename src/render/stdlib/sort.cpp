#include "render/stdlib/sort.h"

#include <algorithm>
#include <cstdlib>
#include <string>
#include <vector>

#include "render/stdlib/json_text.h"
#include "render/stdlib/native.h"

namespace ks::render::stdlib {

namespace {

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
  JsonnetJsonValue* out = jsonnet_json_make_array(vm);
  if (numbers) {
    // strtod keeps -0, which stock sort keeps in its input position among equal zeros.
    std::vector<double> values;
    for (const auto& c : arr.children)
      values.push_back(std::strtod(c.second.text.c_str(), nullptr));
    std::stable_sort(values.begin(), values.end());
    for (double d : values) jsonnet_json_array_append(vm, out, jsonnet_json_make_number(vm, d));
    return served(Native::Sort, success, out);
  }
  // UTF-8 byte order is codepoint order, which is how jsonnet compares strings.
  std::vector<std::string> values;
  for (const auto& c : arr.children) values.push_back(c.second.text);
  std::stable_sort(values.begin(), values.end());
  for (const auto& v : values)
    jsonnet_json_array_append(vm, out, jsonnet_json_make_string(vm, v.c_str()));
  return served(Native::Sort, success, out);
}

}  // namespace

const std::string& sort_fields() {
  // `__ks_s` is the stock std. The override tries the native first and falls back.
  static const std::string fields =
      "sort(arr, keyF=null):: local r = if __ks_s.primitiveEquals(__ks_s.type(keyF), 'null') && "
      "__ks_s.primitiveEquals(__ks_s.type(arr), 'array') then "
      "__ks_s.native('ks.sort')(('' + (arr))) else null; if "
      "!__ks_s.primitiveEquals(__ks_s.type(r), 'null') then r else if keyF "
      "== null then "
      "__ks_s.sort(arr) else __ks_s.sort(arr, keyF), ";
  return fields;
}

void register_sort(JsonnetVm* vm) {
  static const char* kOne[] = {"a", nullptr};
  jsonnet_native_callback(vm, "ks.sort", native_sort, vm, kOne);
}

}  // namespace ks::render::stdlib
