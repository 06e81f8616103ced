#include "render/stdlib/native.h"

#include <atomic>

namespace ks::render::stdlib {

namespace {

constexpr std::size_t kNatives = static_cast<std::size_t>(Native::ManifestYamlStream) + 1;

std::atomic<std::uint64_t>& counter(Native native) {
  static std::atomic<std::uint64_t> counters[kNatives];
  return counters[static_cast<std::size_t>(native)];
}

}  // namespace

const char* arg_string(JsonnetVm* vm, const JsonnetJsonValue* v) {
  return jsonnet_json_extract_string(vm, v);
}

bool same_length(JsonnetVm* vm, const JsonnetJsonValue* length, const std::vector<char32_t>& cps) {
  double n = 0;
  return jsonnet_json_extract_number(vm, length, &n) && n == static_cast<double>(cps.size());
}

JsonnetJsonValue* fallback(JsonnetVm* vm, int* success) {
  *success = 1;
  return jsonnet_json_make_null(vm);
}

JsonnetJsonValue* served(Native native, int* success, JsonnetJsonValue* result) {
  counter(native).fetch_add(1, std::memory_order_relaxed);
  *success = 1;
  return result;
}

std::uint64_t served_count(Native native) {
  return counter(native).load(std::memory_order_relaxed);
}

}  // namespace ks::render::stdlib
