#pragma once
// For package authors: `ks registry lint`, `ks registry init`, `ks pkg init`.
#include <filesystem>
#include <string>
#include <vector>

#include "prototypes/prototype.h"

namespace ks::registry {

// A package whose files passed every check of check_registry, ready for a render check.
struct CheckedPackage {
  std::string name;
  std::filesystem::path copy;  // its checked copy, under check_registry's `copies`
  std::vector<prototypes::Prototype> prototypes;
};

struct RegistryCheck {
  std::vector<std::string> problems;  // one line each, starting with the file (and line)
  std::string registry_name;          // as given, else the registry folder's name
  std::vector<CheckedPackage> clean;  // packages with no problem
};

// The file checks of `ks registry lint` (rendering is ops::lint_registry's part, as registry
// does not link render): registry.yaml parses; every listed package folder exists, stays inside
// the registry (paths and symlinks) and has a parts.yaml that parses; every prototype header
// parses and its defaults have the declared types. Clean packages are copied under `copies`, an
// existing folder the caller owns. `registry_name`: the name prototypes import packages under;
// "" = the folder's name.
RegistryCheck check_registry(const std::filesystem::path& dir, const std::string& registry_name,
                             const std::filesystem::path& copies);

// A new registry folder with an empty registry.yaml. Refuses an existing registry.yaml.
void init_registry(const std::filesystem::path& dir);

// A new package folder DIR/PKG (parts.yaml, README.md, prototypes/PKG.jsonnet) and its entry in
// DIR/registry.yaml when that exists. Refuses an existing folder.
void init_package(const std::filesystem::path& package_dir);

}  // namespace ks::registry
