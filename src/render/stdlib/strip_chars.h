#pragma once
// Native std.stripChars, std.lstripChars and std.rstripChars for string arguments; anything
// else goes to the stock functions.
#include <string>

#include "render/jsonnet_api.h"

namespace ks::render::stdlib {

// Override fields for the `std` extension object, each ending in ", " (see overrides.h).
const std::string& strip_chars_fields();

void register_strip_chars(JsonnetVm* vm);

}  // namespace ks::render::stdlib
