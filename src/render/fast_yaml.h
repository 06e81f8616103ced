#pragma once
// Native std.manifestYamlDoc and std.manifestYamlStream, with results and errors identical to
// libjsonnet 0.18's own std: inputs the native does not handle go to the stock function.
#include <string>

struct JsonnetVm;

namespace ks::render {

// Override fields for the `std` extension object, each ending in ", " (see fast_std.h).
const std::string& fast_yaml_fields();

void register_fast_yaml(JsonnetVm* vm);

}  // namespace ks::render
