#include "ops/registry.h"

#include "app/app.h"

namespace ks::ops {

RegistryEntry registry_add(const std::string& dir, const AddRequest& request, std::ostream& log) {
  return registry::add_registry(app::App::load(dir), request, log);
}

std::vector<RegistryRow> registry_list(const std::string& dir) {
  return registry::list_registries(app::App::load(dir));
}

RegistryDescription registry_describe(const std::string& dir, const std::string& name,
                                      std::ostream& log) {
  auto app = app::App::load(dir);
  RegistryDescription out{name, registry::registry_entry(app, name), {}};
  auto fetched = registry::open_registry(app, name, log);
  for (const auto& [pkg, lib] : fetched.file.libraries) out.packages.push_back(pkg);
  return out;
}

RegistryEntry registry_set(const std::string& dir, const SetRequest& request, std::ostream& log) {
  return registry::set_registry(app::App::load(dir), request, log);
}

void registry_rm(const std::string& dir, const std::string& name) {
  registry::remove_registry(app::App::load(dir), name);
}

void registry_init(const std::string& registry_dir) {
  registry::init_registry(registry_dir);
}

}  // namespace ks::ops
