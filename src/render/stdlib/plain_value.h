#pragma once
// jsonnet `local`s defining `plain(v, path)`: v as plain data for std.toString, so natives fed
// with `'' + plain(v, [])` fail exactly as stock's manifesters do (manifestJsonEx, manifestYaml*).
#include <string>

namespace ks::render::stdlib {

const std::string& plain_value_locals();

}  // namespace ks::render::stdlib
