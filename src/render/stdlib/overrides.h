#pragma once
// Native replacements for the slowest functions of libjsonnet 0.18's standard library (written in
// jsonnet there: 50–2500× slower than native code). They are reached through the ordinary std.*
// names: ks evaluates every component and every imported .jsonnet/.libsonnet file with `std`
// shadowed by `std` plus these overrides, put on the file's first line so line numbers stay.
// Each override falls back to the stock function for arguments it does not handle natively
// (function arguments such as keyF, non-string inputs), so results and errors match stock.
//
// Matching stock means matching its exact results and error messages, which change between
// libjsonnet releases. So the overrides are enabled only for the versions they were verified
// against; with any other libjsonnet ks uses the stock std (correct, only slower).
#include <string>
#include <string_view>

struct JsonnetVm;

namespace ks::render::stdlib {

// True for the libjsonnet versions (as jsonnet_version() spells them, e.g. "v0.18.0") whose std
// the natives were checked against by tests/render/stdlib.
bool verified_for(std::string_view jsonnet_version);

// What a VM gets: the natives, and the jsonnet text that routes the std.* names to them. Both are
// empty for a libjsonnet the natives were not verified against.
struct Overrides {
  bool enabled = false;
  // `local __ks_s = std; local std = __ks_s { ...fields... }; ` on one line, no newline; "" when
  // disabled.
  std::string prelude;
  // The fields of the override object, for code that builds its own `std` extension; "" when
  // disabled.
  std::string fields;

  // Registers the natives on `vm` (nothing when disabled).
  void install(JsonnetVm* vm) const;
};

// The overrides for a libjsonnet of version `jsonnet_version`.
Overrides overrides_for(std::string_view jsonnet_version);

// The overrides for the libjsonnet ks is linked with (decided once, from its jsonnet_version()).
const Overrides& linked_overrides();

}  // namespace ks::render::stdlib
