#pragma once
// Prototypes: jsonnet templates with a ksonnet header (`// @name ...`, `// @param ...`) that
// `ks generate` turns into a component plus its params entry.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace ks::prototypes {

// ksonnet's types plus bool.
enum class ParamType { String, Number, NumberOrString, Bool, Array, Object };

struct Param {
  std::string name;
  ParamType type = ParamType::String;
  std::optional<std::string> default_text;  // set for @optionalParam (the header's raw text)
  std::string description;
  int line = 0;  // header line, for error messages

  bool required() const { return !default_text.has_value(); }
};

struct Prototype {
  std::string api_version;
  std::string name;  // full name, e.g. io.ksonnet.pkg.deployed-service
  std::string description;
  std::string short_description;
  std::vector<Param> params;  // header order
  std::string body;           // the template: the file minus its directive lines
  std::string source;         // file path, or "system" for built-ins
  std::string package;        // "REG/PKG" for package prototypes, "" for built-ins
};

// Parses a prototype file as ksonnet did: a `// @directive ...` comment line is a directive,
// following non-empty, non-directive comment lines continue it; every other line is body.
// Errors name `source` and the line. A prototype without @name is an error.
Prototype parse_prototype(const std::string& text, const std::string& source);

ParamType parse_param_type(const std::string& text);  // throws with the accepted types
std::string type_name(ParamType type);

// `--image=<string> Container image to deploy` (plus `[default: 80]` for optional ones).
std::string usage_line(const Param& param);

}  // namespace ks::prototypes
