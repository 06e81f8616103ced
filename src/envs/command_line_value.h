#pragma once
// The one grammar that types a value given on the command line (`ks param set`, `ks generate
// --NAME=VALUE`), as ksonnet's DecodeValue (pkg/util/jsonnet/object.go) did:
//   ^[+-]?[1-9][0-9]*$ or 0          → integer ("007", a zip code or a tag, stays a string)
//   a decimal with a dot or exponent  → float (no leading zeros: jsonnet has no "040.5")
//   true / false, any case            → bool
//   leading [ or {                    → structured (JSON, or jsonnet/YAML flow syntax)
//   anything else ("null" too)        → string
// Numbers that would be infinity (1e999, also inside structured text) are refused: jsonnet would
// store them as null and the value would be lost silently.
#include <string>

namespace ks::envs {

struct CommandLineValue {
  enum class Kind { Integer, Float, Bool, Structured, String };
  Kind kind = Kind::String;
  // Integer/Float: a jsonnet number literal ("+1" → "1", "-.5" → "-0.5", "5.e3" → "5.0e3");
  // Bool: "true"/"false"; Structured and String: the text as given.
  std::string text;

  bool is_number() const { return kind == Kind::Integer || kind == Kind::Float; }
};

// Throws ks::Error("<what>: the number N is too large (it would be infinity, which renders as
// null)") for a non-finite number.
CommandLineValue type_command_line_value(const std::string& text, const std::string& what);

}  // namespace ks::envs
