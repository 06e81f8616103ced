#pragma once
// Native std.format (and so the `%` operator on strings, which the 0.18 desugarer turns into
// `std.mod` on the `std` in scope), with results and errors identical to libjsonnet 0.18's own std:
// inputs the native does not handle go to the stock function.
#include <string>

struct JsonnetVm;

namespace ks::render {

// Override fields for the `std` extension object, each ending in ", " (see fast_std.h).
const std::string& fast_format_fields();

void register_fast_format(JsonnetVm* vm);

}  // namespace ks::render
