#include "cli/context.h"
#include "cli/output.h"
#include "ops/prototype.h"

namespace ks::cli {

namespace {

// Prototype params are arbitrary `--NAME=VALUE` flags, so these commands keep unknown flags for
// themselves instead of passing them up to the root; the root's own flags are repeated here.
void accept_param_flags(CLI::App* cmd, Context& ctx) {
  cmd->allow_extras();
  cmd->fallthrough(false);
  cmd->add_option(
      "--dir", ctx.dir,
      "App folder (default: the current directory or the nearest parent with app.yaml)");
  cmd->add_flag("-v,--verbose", ctx.verbosity, "More output; repeat for more");
  cmd->add_flag("-q,--quiet", ctx.quiet, "Only errors and requested output");
}

std::string describe_param(const ops::Param& p) {
  std::string out = "  --" + p.name + "=<" + p.name + "> " + p.description + " [";
  if (p.default_text) out += "default: " + *p.default_text + ", ";
  return out + "type: " + ops::type_name(p.type) + "]\n";
}

void add_list(CLI::App* parent, Context& ctx) {
  auto* cmd =
      parent->add_subcommand("list", "List built-in prototypes and those of installed packages");
  describe(cmd, "  ks prototype list\n  ks prototype list -o json");
  auto format = std::make_shared<std::string>();
  add_output_flag(cmd, *format, {"table", "json", "yaml"});
  cmd->callback([&ctx, format] {
    nlohmann::json data = nlohmann::json::array();
    std::vector<std::vector<std::string>> rows;
    for (const auto& p : ops::prototype_list(ctx.start_dir())) {
      data.push_back(
          {{"name", p.name}, {"description", p.short_description}, {"package", p.package}});
      rows.push_back({p.name, p.short_description});
    }
    print_listing(ctx, *format, data, {"name", "description"}, rows);
  });
}

void add_search(CLI::App* parent, Context& ctx) {
  auto* cmd =
      parent->add_subcommand("search", "Find prototypes whose name or description contains TEXT");
  describe(cmd, "  ks prototype search deployment");
  auto text = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>();
  cmd->add_option("text", *text, "Text to look for")->required();
  add_output_flag(cmd, *format, {"table", "json", "yaml"});
  cmd->callback([&ctx, text, format] {
    nlohmann::json data = nlohmann::json::array();
    std::vector<std::vector<std::string>> rows;
    for (const auto& p : ops::prototype_search(ctx.start_dir(), *text)) {
      data.push_back(
          {{"name", p.name}, {"description", p.short_description}, {"package", p.package}});
      rows.push_back({p.name, p.short_description});
    }
    print_listing(ctx, *format, data, {"name", "description"}, rows);
  });
}

void add_describe(CLI::App* parent, Context& ctx) {
  auto* cmd = parent->add_subcommand("describe", "Show a prototype's description and params");
  describe(
      cmd,
      "  ks prototype describe deployed-service\n  ks prototype describe io.ksonnet.pkg.tf-cnn");
  auto name = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>();
  cmd->add_option("name", *name, "Prototype name or a unique suffix of it")->required();
  add_output_flag(cmd, *format, {"text", "json", "yaml"});
  cmd->callback([&ctx, name, format] {
    const ops::Prototype p = ops::prototype_describe(ctx.start_dir(), *name);
    if (*format != "text") {
      nlohmann::json params = nlohmann::json::array();
      for (const auto& param : p.params) {
        params.push_back({{"name", param.name},
                          {"description", param.description},
                          {"type", ops::type_name(param.type)},
                          {"default", param.default_text ? nlohmann::json(*param.default_text)
                                                         : nlohmann::json()},
                          {"required", param.required()}});
      }
      nlohmann::json data = {{"name", p.name},
                             {"package", p.package},
                             {"shortDescription", p.short_description},
                             {"description", p.description},
                             {"params", params}};
      print_listing(ctx, *format, data, {}, {});
      return;
    }
    ctx.out << "PROTOTYPE NAME:\n" << p.name << "\n\n";
    if (!p.package.empty()) ctx.out << "PACKAGE:\n" << p.package << "\n\n";
    ctx.out << "DESCRIPTION:\n" << p.description << "\n\nREQUIRED PARAMETERS:\n";
    bool any = false;
    for (const auto& param : p.params)
      if (param.required()) ctx.out << describe_param(param), any = true;
    if (!any) ctx.out << "  [none]\n";
    ctx.out << "\nOPTIONAL PARAMETERS:\n";
    any = false;
    for (const auto& param : p.params)
      if (!param.required()) ctx.out << describe_param(param), any = true;
    if (!any) ctx.out << "  [none]\n";
    ctx.out << "\nTEMPLATE TYPES AVAILABLE:\n  [jsonnet]\n";
  });
}

void add_preview(CLI::App* parent, Context& ctx) {
  auto* cmd = parent->add_subcommand("preview", "Print the component a prototype expands to");
  describe(cmd, "  ks prototype preview deployed-service --name=web --image=nginx");
  accept_param_flags(cmd, ctx);
  auto name = std::make_shared<std::string>();
  cmd->add_option("name", *name, "Prototype name or a unique suffix of it")->required();
  cmd->callback([&ctx, name, cmd] {
    ctx.out << ops::prototype_preview(ctx.start_dir(), {*name, cmd->remaining()}) << "\n";
  });
}

// `ks prototype use` and `ks generate`.
void setup_use(CLI::App* cmd, Context& ctx) {
  describe(cmd,
           "  ks generate deployed-service web --image=nginx:1.27\n"
           "  ks generate tf-cnn cnn --name=cnn --num_gpus=1\n"
           "  ks generate core kubeflow-core --values-file values.yaml --module kubeflow");
  accept_param_flags(cmd, ctx);
  auto f = std::make_shared<ops::GenerateOptions>();
  cmd->add_option("prototype", f->prototype, "Prototype name or a unique suffix of it")->required();
  cmd->add_option("component", f->component, "Component name (MODULE.NAME for a module)")
      ->required();
  cmd->add_option("--values-file", f->values_file,
                  "YAML or JSON object of param values (wins over flags)");
  cmd->add_option("--module", f->module, "Module to put the component in");
  cmd->callback([&ctx, f, cmd] {
    ops::GenerateOptions o = *f;
    o.param_args = cmd->remaining();
    auto g = ops::generate(ctx.start_dir(), o);
    if (!ctx.quiet) {
      ctx.out << "generated component '" << g.component << "' from " << g.prototype << " ("
              << g.file << ")\n";
    }
  });
}

}  // namespace

void add_prototype_commands(CLI::App& root, Context& ctx) {
  auto* cmd =
      root.add_subcommand("prototype", "List, describe and use prototypes (component templates)");
  describe(cmd,
           "  ks prototype list\n  ks prototype describe tf-cnn\n  ks prototype use "
           "deployed-service web --image=nginx");
  cmd->require_subcommand(1);
  add_list(cmd, ctx);
  add_search(cmd, ctx);
  add_describe(cmd, ctx);
  add_preview(cmd, ctx);
  setup_use(
      cmd->add_subcommand("use", "Create a component from a prototype (same as `ks generate`)"),
      ctx);
  setup_use(root.add_subcommand(
                "generate",
                "Create a component from a prototype: components/NAME.jsonnet plus its params"),
            ctx);
}

}  // namespace ks::cli
