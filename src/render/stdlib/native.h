#pragma once
// Argument and result helpers shared by the native std overrides (jsonnet_native_callback), and
// the counters that tell whether a native answered or handed the call back to stock std.
#include <cstdint>
#include <vector>

#include "render/jsonnet_api.h"

namespace ks::render::stdlib {

// The string argument, or nullptr when it is not a string.
const char* arg_string(JsonnetVm* vm, const JsonnetJsonValue* v);

// Strings reach natives as C strings, so one holding U+0000 arrives cut short: the jsonnet side
// passes std.length too, and a mismatch means "use the stock function".
bool same_length(JsonnetVm* vm, const JsonnetJsonValue* length, const std::vector<char32_t>& cps);

// A null result tells the jsonnet side to use the stock function.
JsonnetJsonValue* fallback(JsonnetVm* vm, int* success);

// The natives whose answers are counted.
enum class Native {
  Sort,
  Base64,
  StripChars,
  ManifestJsonEx,
  MergePatch,
  Format,
  ManifestYamlDoc,
  ManifestYamlStream,
};

// The native's own answer (not a fallback): counted, then returned with *success = 1.
// The counters are always compiled in: one relaxed atomic increment per call, nothing next to the
// argument conversions every call makes. The equivalence tests read them to prove that the native
// path ran, so that a native which always fell back to stock would fail them.
JsonnetJsonValue* served(Native native, int* success, JsonnetJsonValue* result);

// How many calls `native` has answered itself in this process.
std::uint64_t served_count(Native native);

}  // namespace ks::render::stdlib
