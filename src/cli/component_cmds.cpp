#include "cli/context.h"
#include "cli/output.h"
#include "ops/component.h"

namespace ks::cli {

namespace {

void add_component_list(CLI::App* parent, Context& ctx) {
  auto* cmd =
      parent->add_subcommand("list", "List components (every module; nested ones as module.name)");
  describe(cmd, "  ks component list\n  ks component list --module ml -o json");
  auto format = std::make_shared<std::string>();
  auto module = std::make_shared<std::string>();
  add_output_flag(cmd, *format, {"table", "json", "yaml"});
  cmd->add_option("--module", *module, "Only this module");
  cmd->callback([&ctx, format, module] {
    nlohmann::json data = nlohmann::json::array();
    std::vector<std::vector<std::string>> rows;
    for (const auto& c : ops::component_list(ctx.start_dir(), *module)) {
      data.push_back({{"name", c.name}, {"module", c.module}, {"type", c.type}, {"file", c.file}});
      rows.push_back({c.name, c.type, c.file});
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
    ops::component_rm(ctx.start_dir(), *name);
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
    ops::module_create(ctx.start_dir(), *name);
    if (!ctx.quiet) ctx.out << "created module '" << *name << "'\n";
  });
  auto* list = module->add_subcommand("list", "List modules");
  describe(list, "  ks module list\n  ks module list --env gke");
  auto env = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>();
  list->add_option("--env", *env, "Only the modules this environment renders");
  add_output_flag(list, *format, {"table", "json", "yaml"});
  list->callback([&ctx, env, format] {
    auto modules = ops::module_list(ctx.start_dir(), *env);
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
    auto names = ops::import_manifests(ctx.start_dir(), {*file, *module});
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
