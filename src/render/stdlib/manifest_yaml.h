#pragma once
// Native std.manifestYamlDoc and std.manifestYamlStream, with results and errors identical to
// libjsonnet 0.18's own std: inputs the native does not handle go to the stock function.
#include <string>

struct JsonnetVm;

namespace ks::render::stdlib {

// Override fields for the `std` extension object, each ending in ", " (see overrides.h).
const std::string& manifest_yaml_fields();

void register_manifest_yaml(JsonnetVm* vm);

}  // namespace ks::render::stdlib
