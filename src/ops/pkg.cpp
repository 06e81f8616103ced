#include "ops/pkg.h"

#include "app/app.h"
#include "base/error.h"
#include "registry/authoring.h"

namespace ks::ops {

std::vector<InstallResult> pkg_install(const std::string& dir, const PkgInstallOptions& options,
                                       std::ostream& log) {
  auto app = app::App::load(dir);
  if (options.package.empty()) {
    if (!options.name.empty())
      throw Error("--name needs a package: ks pkg install REG/PKG --name NAME");
    return registry::install_all(app, log);
  }
  registry::InstallRequest req{registry::parse_descriptor(options.package), options.name};
  return {registry::install_package(app, req, log)};
}

std::vector<PackageRow> pkg_list(const std::string& dir, bool installed_only, std::ostream& log) {
  return registry::list_packages(app::App::load(dir), installed_only, log);
}

PackageInfo pkg_describe(const std::string& dir, const std::string& key, std::ostream& log) {
  return registry::describe_package(app::App::load(dir), key, log);
}

void pkg_remove(const std::string& dir, const std::string& key, bool force) {
  registry::remove_package(app::App::load(dir), key, force);
}

std::vector<Drift> pkg_verify(const std::string& dir) {
  return registry::verify_packages(app::App::load(dir));
}

void pkg_init(const std::string& package_dir) {
  registry::init_package(package_dir);
}

}  // namespace ks::ops
