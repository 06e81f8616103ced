#include "render/stdlib/strip_chars.h"

#include <set>
#include <string>
#include <vector>

#include "base/strings.h"
#include "render/stdlib/native.h"

namespace ks::render::stdlib {

namespace {

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
  return served(Native::StripChars, success, jsonnet_json_make_string(vm, out.c_str()));
}

}  // namespace

const std::string& strip_chars_fields() {
  // `__ks_s` is the stock std. The override tries the native first and falls back.
  static const std::string fields =
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
      "__ks_s.rstripChars(str, chars), ";
  return fields;
}

void register_strip_chars(JsonnetVm* vm) {
  static const char* kFour[] = {"a", "b", "c", "d", nullptr};
  jsonnet_native_callback(vm, "ks.stripChars", native_strip<true, true>, vm, kFour);
  jsonnet_native_callback(vm, "ks.lstripChars", native_strip<true, false>, vm, kFour);
  jsonnet_native_callback(vm, "ks.rstripChars", native_strip<false, true>, vm, kFour);
}

}  // namespace ks::render::stdlib
