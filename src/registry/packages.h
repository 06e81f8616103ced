#pragma once
// Packages: installing a registry's package into vendor/REG/PKG/ (ks's layout; ksonnet's
// vendor/REG/PKG@SHA is still read), pinned in app.yaml by commit and by the sha256 of the
// vendored tree (see tree_sha256).
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "app/app.h"
#include "prototypes/prototype.h"
#include "registry/formats.h"

namespace ks::registry {

struct Descriptor {
  std::string registry;
  std::string package;
  std::string ref;  // after '@', "" when absent
};
// `REG/PKG[@REF]`.
Descriptor parse_descriptor(const std::string& text);

struct InstallRequest {
  Descriptor what;
  std::string name;  // --name: install under this name (vendor/REG/NAME, key REG/NAME); "" = PKG
};

struct InstallResult {
  std::string key;  // "REG/NAME"
  app::Library library;
  bool changed = false;  // false: already installed and intact
};

// Installs one package, all or nothing: fetched and checked (paths, symlinks) first, then the
// folder and app.yaml change in one transaction.
InstallResult install_package(const app::App& app, const InstallRequest& request,
                              std::ostream& log);

// Re-installs every library app.yaml records (global and per-env) at its pinned commit, checking
// the recorded sha256; intact ones are left alone. All or nothing.
std::vector<InstallResult> install_all(const app::App& app, std::ostream& log);

struct Drift {
  std::string key;       // "REG/PKG"
  std::string env;       // "" for app-wide libraries
  std::string problem;   // "vendored files have sha256 ...", "not installed", ...
  bool missing = false;  // not installed at all (nothing vendored that could have drifted)
};
// Checks every vendored library against the sha256 app.yaml records (and that its folder holds
// only regular files and folders). Empty when all is intact; libraries without a recorded
// sha256 (ksonnet's) are not checked.
std::vector<Drift> verify_packages(const app::App& app);

// Removes the package's folder and app.yaml entry. Refuses while components use it (made from
// one of its prototypes, or importing "REG/PKG/...") unless `force`.
void remove_package(const app::App& app, const std::string& key, bool force);

// Components that use the package `key` ("REG/PKG"), with why.
std::vector<std::string> package_users(const app::App& app, const std::string& key);

// Where an installed library's files are: vendor/REG/NAME, else ksonnet's vendor/REG/NAME@VERSION.
std::optional<std::filesystem::path> vendor_dir(const app::Layout& layout, const app::Library& lib);

struct PackageRow {
  std::string registry;
  std::string name;
  std::string version;  // registry.yaml's version for the package, or the installed ref
  bool installed = false;
  std::vector<std::string> environments;  // envs that install it (env-scoped libraries)
  std::string commit;                     // installed commit
};
std::vector<PackageRow> list_packages(const app::App& app, bool installed_only, std::ostream& log);

struct PackageInfo {
  std::string key;
  Parts parts;
  bool installed = false;
  std::optional<app::Library> library;
  std::vector<prototypes::Prototype> prototypes;
};
// `REG/PKG`, or a bare PKG when only one registry has it.
PackageInfo describe_package(const app::App& app, const std::string& key, std::ostream& log);

// Built-in prototypes plus those of every installed package (env-scoped ones included).
std::vector<prototypes::Prototype> prototype_catalog(const app::App& app);

}  // namespace ks::registry
