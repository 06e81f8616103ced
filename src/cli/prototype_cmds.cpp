#include "app/app.h"
#include "base/error.h"
#include "base/fs.h"
#include "base/yaml.h"
#include "cli/context.h"
#include "cli/output.h"
#include "prototypes/catalog.h"
#include "prototypes/generate.h"
#include "prototypes/values.h"
#include "registry/packages.h"

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

// Built-ins only when there is no app (prototype list/describe work anywhere).
std::vector<prototypes::Prototype> catalog(Context& ctx) {
  try {
    app::find_layout(ctx.start_dir());
  } catch (const Error&) {
    return prototypes::system_prototypes();
  }
  return registry::prototype_catalog(app::App::load(ctx.start_dir()));
}

std::string describe_param(const prototypes::Param& p) {
  std::string out = "  --" + p.name + "=<" + p.name + "> " + p.description + " [";
  if (p.default_text) out += "default: " + *p.default_text + ", ";
  return out + "type: " + prototypes::type_name(p.type) + "]\n";
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
    for (const auto& p : catalog(ctx)) {
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
    auto all = catalog(ctx);
    auto found = prototypes::search(all, *text);
    if (found.empty()) throw Error("no prototypes match '" + *text + "'; see `ks prototype list`");
    nlohmann::json data = nlohmann::json::array();
    std::vector<std::vector<std::string>> rows;
    for (const auto* p : found) {
      data.push_back(
          {{"name", p->name}, {"description", p->short_description}, {"package", p->package}});
      rows.push_back({p->name, p->short_description});
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
    auto all = catalog(ctx);
    const auto& p = prototypes::resolve(all, *name);
    if (*format != "text") {
      nlohmann::json params = nlohmann::json::array();
      for (const auto& param : p.params) {
        params.push_back({{"name", param.name},
                          {"description", param.description},
                          {"type", prototypes::type_name(param.type)},
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
    auto all = catalog(ctx);
    const auto& p = prototypes::resolve(all, *name);
    auto flags = prototypes::parse_flag_args(cmd->remaining());
    for (const auto& [flag, value] : flags) {
      bool known = false;
      for (const auto& param : p.params) known |= param.name == flag;
      if (!known)
        throw Error("prototype " + p.name + " has no param --" + flag +
                    "; see `ks prototype describe " + p.name + "`");
    }
    ctx.out << prototypes::expand(p, "preview") << "\n";
  });
}

// `ks prototype use` and `ks generate`.
void setup_use(CLI::App* cmd, Context& ctx) {
  describe(cmd,
           "  ks generate deployed-service web --image=nginx:1.27\n"
           "  ks generate tf-cnn cnn --name=cnn --num_gpus=1\n"
           "  ks generate core kubeflow-core --values-file values.yaml --module kubeflow");
  accept_param_flags(cmd, ctx);
  struct Flags {
    std::string prototype, component, values_file, module;
  };
  auto f = std::make_shared<Flags>();
  cmd->add_option("prototype", f->prototype, "Prototype name or a unique suffix of it")->required();
  cmd->add_option("component", f->component, "Component name (MODULE.NAME for a module)")
      ->required();
  cmd->add_option("--values-file", f->values_file,
                  "YAML or JSON object of param values (wins over flags)");
  cmd->add_option("--module", f->module, "Module to put the component in");
  cmd->callback([&ctx, f, cmd] {
    auto app = app::App::load(ctx.start_dir());
    auto all = registry::prototype_catalog(app);
    const auto& proto = prototypes::resolve(all, f->prototype);
    prototypes::GenerateRequest req;
    req.component = f->component;
    req.module = f->module;
    req.flags = prototypes::parse_flag_args(cmd->remaining());
    if (!f->values_file.empty()) {
      req.values = yaml::parse(fs::read_file(f->values_file), f->values_file);
      if (!req.values.is_object())
        throw Error(f->values_file + ": must be a mapping of param name to value");
    }
    auto g = prototypes::generate(app, proto, req);
    if (!ctx.quiet) {
      ctx.out << "generated component '" << g.component << "' from " << proto.name << " ("
              << fs::relative_below(g.file, app.layout().root) << ")\n";
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
