#include "app/app.h"
#include "app/import.h"
#include "base/fs.h"
#include "cli/context.h"
#include "cli/output.h"
#include "envs/envs.h"
#include "render/render.h"

namespace ks::cli {

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

void add_component_list(CLI::App* parent, Context& ctx) {
  auto* cmd =
      parent->add_subcommand("list", "List components (every module; nested ones as module.name)");
  describe(cmd, "  ks component list\n  ks component list --module ml -o json");
  auto format = std::make_shared<std::string>();
  auto module = std::make_shared<std::string>();
  add_output_flag(cmd, *format, {"table", "json", "yaml"});
  cmd->add_option("--module", *module, "Only this module");
  cmd->callback([&ctx, format, module] {
    auto app = app::App::load(ctx.start_dir());
    auto comps = module->empty() ? app::list_all_components(app.layout())
                                 : app::list_components(app.layout(), *module);
    nlohmann::json data = nlohmann::json::array();
    std::vector<std::vector<std::string>> rows;
    for (const auto& c : comps) {
      std::string file = fs::relative_below(c.file, app.layout().root);
      data.push_back(
          {{"name", c.name}, {"module", c.module}, {"type", type_name(c.type)}, {"file", file}});
      rows.push_back({c.name, type_name(c.type), file});
    }
    print_listing(ctx, *format, data, {"component", "type", "file"}, rows);
  });
}

void add_component_rm(CLI::App* parent, Context& ctx) {
  auto* cmd =
      parent->add_subcommand("rm", "Delete a component and its params in every environment");
  describe(cmd, "  ks component rm cnn\n  ks component rm ml.cnn");
  auto name = std::make_shared<std::string>();
  cmd->add_option("name", *name, "Component name (module.name for nested modules)")->required();
  cmd->callback([&ctx, name] {
    envs::remove_component(app::App::load(ctx.start_dir()), *name);
    if (!ctx.quiet) ctx.out << "removed component '" << *name << "'\n";
  });
}

void add_module_commands(CLI::App& root, Context& ctx) {
  auto* module = root.add_subcommand("module", "Manage modules (sub-folders of components/)");
  describe(module, "  ks module create ml\n  ks module list");
  module->require_subcommand(1);
  auto* create =
      module->add_subcommand("create", "Create a module folder with its params.libsonnet");
  describe(create, "  ks module create ml\n  ks module create ml.training");
  auto name = std::make_shared<std::string>();
  create->add_option("name", *name, "Module name (dots nest: a.b is components/a/b)")->required();
  create->callback([&ctx, name] {
    app::create_module(app::App::load(ctx.start_dir()), *name);
    if (!ctx.quiet) ctx.out << "created module '" << *name << "'\n";
  });
  auto* list = module->add_subcommand("list", "List modules");
  describe(list, "  ks module list\n  ks module list --env gke");
  auto env = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>();
  list->add_option("--env", *env, "Only the modules this environment renders");
  add_output_flag(list, *format, {"table", "json", "yaml"});
  list->callback([&ctx, env, format] {
    auto app = app::App::load(ctx.start_dir());
    auto modules = env->empty() ? app::list_modules(app.layout()) : render::env_modules(app, *env);
    std::vector<std::vector<std::string>> rows;
    for (const auto& m : modules) rows.push_back({m});
    print_listing(ctx, *format, modules, {"module"}, rows);
  });
}

void add_import_command(CLI::App& root, Context& ctx) {
  auto* cmd = root.add_subcommand("import", "Turn YAML/JSON manifests into components");
  describe(cmd, "  ks import -f deployment.yaml\n  ks import -f manifests/ --module ml");
  auto file = std::make_shared<std::string>();
  auto module = std::make_shared<std::string>("/");
  cmd->add_option("-f,--filename", *file, "A manifest file or a folder of them")->required();
  cmd->add_option("--module", *module, "Module to import into (default: / the root)");
  cmd->callback([&ctx, file, module] {
    auto names = app::import_manifests(app::App::load(ctx.start_dir()), *file, *module);
    if (!ctx.quiet)
      for (const auto& n : names) ctx.out << "imported component '" << n << "'\n";
  });
}

}  // namespace

void add_component_commands(CLI::App& root, Context& ctx) {
  auto* component = root.add_subcommand("component", "Manage components");
  describe(component, "  ks component list\n  ks component rm cnn");
  component->require_subcommand(1);
  add_component_list(component, ctx);
  add_component_rm(component, ctx);
  add_module_commands(root, ctx);
  add_import_command(root, ctx);
}

}  // namespace ks::cli
