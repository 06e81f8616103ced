#pragma once
// Native std.sort for arrays of only numbers or only strings (no keyF); anything else goes to
// the stock function.
#include <string>

#include "render/jsonnet_api.h"

namespace ks::render::stdlib {

// Override fields for the `std` extension object, each ending in ", " (see overrides.h).
const std::string& sort_fields();

void register_sort(JsonnetVm* vm);

}  // namespace ks::render::stdlib
