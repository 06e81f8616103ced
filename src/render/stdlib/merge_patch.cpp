#include "render/stdlib/merge_patch.h"

#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "render/stdlib/native.h"

namespace ks::render::stdlib {

namespace {

using nlohmann::json;

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
  JsonnetJsonValue* out = jsonnet_json_make_array(vm);
  for (const auto& k : keys)
    jsonnet_json_array_append(vm, out, jsonnet_json_make_string(vm, k.c_str()));
  return served(Native::MergePatch, success, out);
}

}  // namespace

const std::string& merge_patch_fields() {
  // `__ks_s` is the stock std. The override tries the native first and falls back.
  static const std::string fields =
      "mergePatch(target, patch):: local is = __ks_s.primitiveEquals, type = __ks_s.type; "
      "if is(type(patch), 'object') then local t = if is(type(target), 'object') then target "
      "else {}; local pf = __ks_s.objectFieldsEx(patch, false); { [k]: if "
      "!__ks_s.objectHasEx(patch, k, false) then t[k] else if !__ks_s.objectHasEx(t, k, false) "
      "then std.mergePatch(null, patch[k]) tailstrict else std.mergePatch(t[k], patch[k]) "
      "tailstrict for k in __ks_s.native('ks.mergeKeys')('' + __ks_s.objectFieldsEx(t, false), "
      "'' + pf, '' + [k for k in pf if is(type(patch[k]), 'null')]) } else patch, ";
  return fields;
}

void register_merge_patch(JsonnetVm* vm) {
  static const char* kThree[] = {"a", "b", "c", nullptr};
  jsonnet_native_callback(vm, "ks.mergeKeys", native_merge_keys, vm, kThree);
}

}  // namespace ks::render::stdlib
