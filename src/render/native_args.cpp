#include "render/native_args.h"

namespace ks::render {

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

}  // namespace ks::render
