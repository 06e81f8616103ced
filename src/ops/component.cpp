#include "ops/component.h"

#include "app/app.h"
#include "app/import.h"
#include "base/fs.h"
#include "envs/envs.h"
#include "render/render.h"

namespace ks::ops {

namespace {

const char* type_name(app::Component::Type t) {
  switch (t) {
    case app::Component::Type::Yaml:
      return "yaml";
    case app::Component::Type::Json:
      return "json";
    default:
      return "jsonnet";
  }
}

}  // namespace

std::vector<ComponentEntry> component_list(const std::string& dir, const std::string& module) {
  auto app = app::App::load(dir);
  auto comps = module.empty() ? app::list_all_components(app.layout())
                              : app::list_components(app.layout(), module);
  std::vector<ComponentEntry> out;
  for (const auto& c : comps)
    out.push_back(
        {c.name, c.module, type_name(c.type), fs::relative_below(c.file, app.layout().root)});
  return out;
}

void component_rm(const std::string& dir, const std::string& name) {
  envs::remove_component(app::App::load(dir), name);
}

void module_create(const std::string& dir, const std::string& name) {
  app::create_module(app::App::load(dir), name);
}

std::vector<std::string> module_list(const std::string& dir, const std::string& env) {
  auto app = app::App::load(dir);
  return env.empty() ? app::list_modules(app.layout()) : render::env_modules(app, env);
}

std::vector<std::string> import_manifests(const std::string& dir, const ImportOptions& options) {
  return app::import_manifests(app::App::load(dir), options.path, options.module);
}

}  // namespace ks::ops
