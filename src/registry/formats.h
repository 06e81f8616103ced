#pragma once
// The registry's files as ksonnet defined them: `registry.yaml` (kind ksonnet.io/registry) at the
// registry root and `parts.yaml` (kind ksonnet.io/parts) in every package. Both the 0.8-era and
// the 0.13-era fields are read. Errors name the file and the field.
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace ks::registry {

struct LibraryEntry {
  std::string path;     // package folder, relative to the registry root (no "..", not absolute)
  std::string version;  // informational (ksonnet: a ref such as "master")
};

struct RegistryFile {
  std::string api_version;  // 0.1.0, 0.1 or 0.2.0
  std::string version;      // 0.2.0: commit SHA or ""; 0.1.x: gitVersion.commitSha
  std::map<std::string, LibraryEntry> libraries;
};

RegistryFile parse_registry_file(const std::string& text, const std::string& source);
// registry.yaml text (apiVersion 0.2.0).
std::string emit_registry_file(const RegistryFile& file);

struct Contributor {
  std::string name;
  std::string email;
};

struct Parts {
  std::string name;
  std::string api_version;
  std::string description;
  std::string author;
  std::vector<Contributor> contributors;
  std::string repository;  // url (0.8: repository.url; also a plain string)
  std::string bugs;        // url (bugs.url, or a plain string)
  std::vector<std::string> keywords;
  nlohmann::json quick_start =
      nlohmann::json::object();  // {prototype, componentName, flags, comment}
  std::string license;
  std::vector<std::string> prototypes;  // prototype names (0.13), informational
  std::string version;
};

Parts parse_parts_file(const std::string& text, const std::string& source);

// Rejects package paths that could leave the registry: empty, absolute, or with a ".." part.
void check_package_path(const std::string& path, const std::string& what);

}  // namespace ks::registry
