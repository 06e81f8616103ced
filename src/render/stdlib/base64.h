#pragma once
// Native std.base64 for strings whose codepoints are bytes; anything else goes to the stock
// function.
#include <string>

#include "render/jsonnet_api.h"

namespace ks::render::stdlib {

// Override fields for the `std` extension object, each ending in ", " (see overrides.h).
const std::string& base64_fields();

void register_base64(JsonnetVm* vm);

}  // namespace ks::render::stdlib
