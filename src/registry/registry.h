#pragma once
// Registries of an app: app.yaml's `registries` (or app.override.yaml's), each a folder
// (protocol fs) or a git repository (git, github) whose resolved commit app.yaml pins. A git
// registry's tree is cached in .ksonnet/registries/NAME/ (git-ignored; rebuilt from the per-user
// git cache when missing).
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "app/app.h"
#include "registry/formats.h"
#include "registry/location.h"

namespace ks::registry {

// A registry's folder at one commit, with its registry.yaml read.
struct Fetched {
  Location location;
  std::string commit;         // "" for fs
  std::filesystem::path dir;  // the folder holding registry.yaml
  RegistryFile file;
};

// Fetches and validates the registry described by `entry` at `ref` ("" = the entry's pinned
// commit, else its version, else the URI's ref). Git trees are written below `scratch` (a folder
// that must exist); fs registries are read in place. Errors name the registry and its URI.
Fetched fetch_registry(const app::App& app, const std::string& name, const app::Registry& entry,
                       const std::string& ref, const std::filesystem::path& scratch,
                       std::ostream& log);

// The registry as recorded in the app, ready to read (see the header comment for git caching).
Fetched open_registry(const app::App& app, const std::string& name, std::ostream& log);

// The entry for `name` (override first), with version/commit of override entries filled in;
// the error lists the registries there are.
app::Registry registry_entry(const app::App& app, const std::string& name);

struct AddRequest {
  std::string name;
  std::string uri;
  std::string version;         // --version: branch, tag or commit
  bool override_file = false;  // --override: app.override.yaml instead of app.yaml
};
// Fetches and validates first; writes nothing when that fails.
app::Registry add_registry(const app::App& app, const AddRequest& request, std::ostream& log);

struct SetRequest {
  std::string name;
  std::optional<std::string> uri;
  std::optional<std::string> version;
};
app::Registry set_registry(const app::App& app, const SetRequest& request, std::ostream& log);

// Refuses while installed packages come from it.
void remove_registry(const app::App& app, const std::string& name);

struct RegistryRow {
  std::string name;
  bool override_entry = false;
  app::Registry entry;
};
std::vector<RegistryRow> list_registries(const app::App& app);

// Registry (or package) names: letters, digits, '-', '_', '.'.
void validate_registry_name(const std::string& name);

}  // namespace ks::registry
