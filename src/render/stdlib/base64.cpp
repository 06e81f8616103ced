#include "render/stdlib/base64.h"

#include <string>
#include <vector>

#include "base/strings.h"
#include "render/stdlib/native.h"

namespace ks::render::stdlib {

namespace {

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
  return served(Native::Base64, success, jsonnet_json_make_string(vm, out.c_str()));
}

}  // namespace

const std::string& base64_fields() {
  // `__ks_s` is the stock std. The override tries the native first and falls back.
  static const std::string fields =
      "base64(input):: local r = if __ks_s.primitiveEquals(__ks_s.type(input), 'string') then "
      "__ks_s.native('ks.base64')(input, "
      "__ks_s.length(input)) else null; "
      "if !__ks_s.primitiveEquals(__ks_s.type(r), 'null') then r else __ks_s.base64(input), ";
  return fields;
}

void register_base64(JsonnetVm* vm) {
  static const char* kTwo[] = {"a", "b", nullptr};
  jsonnet_native_callback(vm, "ks.base64", native_base64, vm, kTwo);
}

}  // namespace ks::render::stdlib
