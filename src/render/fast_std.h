#pragma once
// Native replacements for the slowest functions of libjsonnet 0.18's standard library (written in
// jsonnet there: 50–2500× slower than native code). They are reached through the ordinary
// std.* names: ks evaluates every component and every imported .jsonnet/.libsonnet file with
// `std` shadowed by `std` plus these overrides, put on the file's first line so line numbers stay.
// Each override falls back to the stock function for arguments it does not handle natively
// (function arguments such as keyF, non-string inputs), so results and errors match stock.
#include <string>

struct JsonnetVm;

namespace ks::render {

// `local __ks_s = std; local std = __ks_s { ...overrides... };` on one line, no newline.
const std::string& fast_std_prelude();
// The fields of the override object, for code that builds its own `std` extension.
const std::string& fast_std_fields();

// jsonnet `local`s defining `plain(v, path)`: v as plain data for std.toString, so natives fed
// with `'' + plain(v, [])` fail exactly as stock's manifesters do (see fast_std.cpp).
const std::string& plain_value_locals();

void register_fast_std(JsonnetVm* vm);

}  // namespace ks::render
