#pragma once
// Native std.manifestJsonEx (and so std.manifestJson): the value arrives as the JSON text of a
// one-element array, made plain first so that errors are stock's (see plain_value.h).
#include <string>

#include "render/jsonnet_api.h"

namespace ks::render::stdlib {

// Override fields for the `std` extension object, each ending in ", " (see overrides.h).
const std::string& manifest_json_fields();

void register_manifest_json(JsonnetVm* vm);

}  // namespace ks::render::stdlib
