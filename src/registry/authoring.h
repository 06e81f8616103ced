#pragma once
// For package authors: `ks registry lint`, `ks registry init`, `ks pkg init`.
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

namespace ks::registry {

struct LintOptions {
  std::filesystem::path dir;  // the registry folder (holding registry.yaml)
  std::string registry_name;  // name prototypes import packages under; "" = the folder's name
  bool render = true;         // also render every prototype in a throwaway app
};

// Every problem found, one line each, starting with the file (and line when known). Checks:
// registry.yaml parses; every listed package folder exists, stays inside the registry (paths and
// symlinks) and has a parts.yaml that parses; every prototype header parses and its defaults have
// the declared types; every prototype renders (`ks generate` with its defaults plus placeholder
// values for required params, then `ks show`) in a throwaway app that vendors the packages.
std::vector<std::string> lint_registry(const LintOptions& options, std::ostream& log);

// A new registry folder with an empty registry.yaml. Refuses an existing registry.yaml.
void init_registry(const std::filesystem::path& dir);

// A new package folder DIR/PKG (parts.yaml, README.md, prototypes/PKG.jsonnet) and its entry in
// DIR/registry.yaml when that exists. Refuses an existing folder.
void init_package(const std::filesystem::path& package_dir);

}  // namespace ks::registry
