#pragma once
// Native std.format (and so the `%` operator on strings, which the 0.18 desugarer turns into
// `std.mod` on the `std` in scope), with results and errors identical to libjsonnet 0.18's own std:
// inputs the native does not handle go to the stock function.
#include <string>

struct JsonnetVm;

namespace ks::render::stdlib {

// Override fields for the `std` extension object, each ending in ", " (see overrides.h).
const std::string& format_fields();

void register_format(JsonnetVm* vm);

}  // namespace ks::render::stdlib
