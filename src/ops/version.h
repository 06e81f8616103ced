#pragma once
// ks version: what ks links that a bug report needs.
#include <string>

namespace ks::ops {

// The linked libjsonnet's version, e.g. "v0.18.0".
std::string jsonnet_version();

}  // namespace ks::ops
