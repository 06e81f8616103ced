#pragma once
// std.mergePatch with its field-set arithmetic native: (target ∪ patch) \ nulls, sorted.
#include <string>

#include "render/jsonnet_api.h"

namespace ks::render::stdlib {

// Override fields for the `std` extension object, each ending in ", " (see overrides.h).
const std::string& merge_patch_fields();

void register_merge_patch(JsonnetVm* vm);

}  // namespace ks::render::stdlib
