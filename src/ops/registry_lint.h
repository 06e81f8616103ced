#pragma once
// `ks registry lint`: registry/'s file checks, then every prototype rendered in a throwaway app.
// The use case lives here, not in registry/, because it renders: registry does not link render.
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

namespace ks::ops {

struct RegistryLintOptions {
  std::filesystem::path dir;  // the registry folder (holding registry.yaml)
  std::string registry_name;  // name prototypes import packages under; "" = the folder's name
  bool render = true;         // also render every prototype in a throwaway app
};

struct RegistryLintResult {
  // Every problem found, one line each, starting with the file (and line when known).
  std::vector<std::string> problems;
};

// The checks of registry::check_registry; with options.render, also every prototype of a clean
// package renders (`ks generate` with its defaults plus placeholder values for required params,
// then `ks show`) in a throwaway app that vendors the packages. `log` gets one line per
// prototype rendered.
RegistryLintResult lint_registry(const RegistryLintOptions& options, std::ostream& log);

}  // namespace ks::ops
