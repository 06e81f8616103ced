#pragma once
// ks prototype list / search / describe / preview / use, and ks generate.
#include <filesystem>
#include <string>
#include <vector>

#include "prototypes/prototype.h"

namespace ks::ops {

using prototypes::Param;
using prototypes::Prototype;
using prototypes::type_name;

// The built-in prototypes and those of installed packages; only the built-ins when `dir` is
// in no app (list and describe work anywhere).
std::vector<Prototype> prototype_list(const std::string& dir);

// Prototypes whose name or description contains `text`. Throws ks::Error when none does.
std::vector<Prototype> prototype_search(const std::string& dir, const std::string& text);

// `name`: a prototype name or a unique suffix of it. Throws ks::Error naming the candidates.
Prototype prototype_describe(const std::string& dir, const std::string& name);

struct PreviewOptions {
  std::string prototype;
  std::vector<std::string> param_args;  // `--NAME=VALUE` as given on the command line
};

// The component the prototype expands to. Throws ks::Error for a param it does not have.
std::string prototype_preview(const std::string& dir, const PreviewOptions& options);

struct GenerateOptions {
  std::string prototype;                // a name or a unique suffix of it
  std::string component;                // MODULE.NAME for a module
  std::string module;                   // module to put it in ("": from `component`)
  std::string values_file;              // YAML/JSON object of param values (wins over flags)
  std::vector<std::string> param_args;  // `--NAME=VALUE` as given on the command line
};

struct GenerateResult {
  std::string component;  // qualified name
  std::string prototype;  // full name
  std::string file;       // relative to the app root
};

// Writes the component and its params in one transaction. Throws ks::Error, writing nothing,
// for an unknown prototype, a missing required param, a bad value or an existing component.
GenerateResult generate(const std::string& dir, const GenerateOptions& options);

}  // namespace ks::ops
