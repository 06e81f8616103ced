#pragma once
// Argument and result helpers shared by the native std overrides (jsonnet_native_callback).
#include <vector>

#include "render/jsonnet_api.h"

namespace ks::render {

// The string argument, or nullptr when it is not a string.
const char* arg_string(JsonnetVm* vm, const JsonnetJsonValue* v);

// Strings reach natives as C strings, so one holding U+0000 arrives cut short: the jsonnet side
// passes std.length too, and a mismatch means "use the stock function".
bool same_length(JsonnetVm* vm, const JsonnetJsonValue* length, const std::vector<char32_t>& cps);

// A null result tells the jsonnet side to use the stock function.
JsonnetJsonValue* fallback(JsonnetVm* vm, int* success);

}  // namespace ks::render
