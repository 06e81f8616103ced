#pragma once
// Generates the jsonnet program that evaluates a group of components in ONE evaluation: each
// component file is pasted verbatim (so `$`, locals and line numbers keep their meaning) into a
// top-level local, and `std.extVar("__ksonnet/params"/"__ksonnet/environments")` are answered from
// values bound once, instead of libjsonnet re-parsing ext code on every call.
#include <string>
#include <vector>

#include "render/errors.h"

namespace ks::render {

struct PastedComponent {
  std::string name;          // qualified name, the field of the result object
  std::string display_file;  // shown in errors
  std::string text;          // the file's content (jsonnet), or JSON text for YAML/JSON components
  // Generated text (JSON data, or an error expression): not in the source map.
  bool is_json = false;
};

// How the generated code receives params and the env description.
enum class Binding {
  TopLevelArgs,  // the program is a function of (__ks_params, __ks_env), given as TLA code
  Imports,       // params imported from `params_path`, env from the __ksonnet/environments ext var
};

struct Program {
  std::string filename;  // absolute; relative imports resolve against its folder
  std::string code;
  SourceMap map;
};

// `libraries`: imported libraries pasted as the top-level locals __ks_l0, __ks_l1, ... before the
// components (render/inline_imports.h); not in the source map.
Program build_program(const std::string& filename, const std::vector<PastedComponent>& components,
                      Binding binding, const std::string& params_path = "",
                      const std::vector<std::string>& libraries = {});

// An env's params.libsonnet as a function of __ks_params (TLA code), so its
// `std.extVar("__ksonnet/params")` costs no ext-code parse; evaluated under a name in the env's
// folder so `import "globals.libsonnet"` resolves as before.
Program build_env_params_program(const std::string& file, const std::string& text);

}  // namespace ks::render
