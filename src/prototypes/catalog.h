#pragma once
// Finding prototypes: the built-in ones, a package's `prototypes/*.jsonnet`, and name lookup.
#include <filesystem>
#include <string>
#include <vector>

#include "prototypes/prototype.h"

namespace ks::prototypes {

// The built-in prototypes (usable without any registry), sorted by name.
std::vector<Prototype> system_prototypes();

// Every `<package_dir>/prototypes/*.jsonnet`, sorted by file name; `package` is "REG/PKG".
// A file that does not parse is an error naming it.
std::vector<Prototype> package_prototypes(const std::filesystem::path& package_dir,
                                          const std::string& package);

// `extra` added to `base`; an entry with the same name replaces the earlier one. Sorted by name.
std::vector<Prototype> merge(std::vector<Prototype> base, const std::vector<Prototype>& extra);

// The prototype named `query`: its full name, or a unique suffix of one (`core`,
// `deployed-service`). Ambiguous suffixes list the candidates; no match suggests names that
// contain `query`.
const Prototype& resolve(const std::vector<Prototype>& all, const std::string& query);

// Prototypes whose name or short description contains `text` (case-insensitive).
std::vector<const Prototype*> search(const std::vector<Prototype>& all, const std::string& text);

}  // namespace ks::prototypes
