#pragma once
// ks pkg install / list / describe / remove / verify / init.
#include <ostream>
#include <string>
#include <vector>

#include "registry/packages.h"

namespace ks::ops {

using registry::Drift;
using registry::InstallResult;
using registry::PackageInfo;
using registry::PackageRow;

struct PkgInstallOptions {
  std::string package;  // REGISTRY/PACKAGE[@REF]; "": every package app.yaml records
  std::string name;     // install under this name (vendor/REG/NAME); needs `package`
};

// `log` gets fetch progress and warnings. One result per package installed or checked.
// Throws ks::Error for a bad descriptor, --name without a package, or a fetch that fails.
std::vector<InstallResult> pkg_install(const std::string& dir, const PkgInstallOptions& options,
                                       std::ostream& log);

std::vector<PackageRow> pkg_list(const std::string& dir, bool installed_only, std::ostream& log);

PackageInfo pkg_describe(const std::string& dir, const std::string& key, std::ostream& log);

// Refused (ks::Error naming the components) while components use it, unless `force`.
void pkg_remove(const std::string& dir, const std::string& key, bool force);

// Every vendored package whose files no longer match app.yaml's sha256, or is not installed.
std::vector<Drift> pkg_verify(const std::string& dir);

// A new package folder in a registry: parts.yaml and an example prototype.
void pkg_init(const std::string& package_dir);

}  // namespace ks::ops
