#include "base/error.h"
#include "cli/context.h"
#include "cli/ksonnet_flags.h"
#include "cli/output.h"
#include "ops/params.h"

namespace ks::cli {

namespace {

// ksonnet printed values jsonnet-style: 'strings' in single quotes, everything else as JSON.
std::string show_value(const nlohmann::json& v) {
  if (v.is_string()) return "'" + v.get<std::string>() + "'";
  return v.dump();
}

struct SetFlags {
  std::string arg1, arg2, arg3;
  std::vector<CLI::Option*> options;
  std::vector<std::string> args;  // the positionals given, in order
  std::string env;
  bool global = false;
  bool as_string = false;
};

// Separate string positionals, not one vector: CLI11 splits a vector element like "[1, 2]" into
// several values, and `[...]` is how users set array params.
void add_positionals(CLI::App* cmd, SetFlags& f, const std::string& what, int count) {
  f.options.push_back(cmd->add_option("arg1", f.arg1, what)->required());
  f.options.push_back(cmd->add_option("arg2", f.arg2));
  if (count > 2) f.options.push_back(cmd->add_option("arg3", f.arg3));
}

ops::ParamPlace target_of(SetFlags& f, size_t want_key_args, std::string& key, std::string* value) {
  f.args.clear();
  const std::string* values[] = {&f.arg1, &f.arg2, &f.arg3};
  for (size_t i = 0; i < f.options.size(); ++i)
    if (f.options[i]->count() > 0) f.args.push_back(*values[i]);
  size_t n = f.args.size();
  // ksonnet 0.13: with --env, `KEY VALUE` (one positional fewer) is that env's global param.
  if (!f.global && !f.env.empty() && n == want_key_args) f.global = true;
  size_t expected = (f.global ? 1 : 2) + want_key_args - 1;
  if (n != expected) {
    throw Error(f.global ? "expected KEY" + std::string(value ? " VALUE" : "") + " with --global"
                         : "expected COMPONENT KEY" + std::string(value ? " VALUE" : "") +
                               " (or --global KEY" + std::string(value ? " VALUE" : "") + ")");
  }
  ops::ParamPlace t{f.env, f.global ? "" : f.args[0]};
  key = f.args[f.global ? 0 : 1];
  if (value) *value = f.args.back();
  return t;
}

void add_param_set(CLI::App* parent, Context& ctx) {
  auto* cmd = parent->add_subcommand(
      "set", "Set a component param, or a global one (for one env with --env)");
  describe(cmd,
           "  ks param set cnn num_workers 2\n"
           "  ks param set --env=gke cnn num_gpus 1\n"
           "  ks param set --global replicas 3\n"
           "  ks param set --env=gke --global cloud gke\n"
           "  ks param set cnn image '\"1.0\"'      # quoted: a string\n"
           "  ks param set cnn args '[\"--a\", \"--b\"]'");
  auto f = std::make_shared<SetFlags>();
  add_positionals(cmd, *f, "COMPONENT KEY VALUE, or KEY VALUE with --global", 3);
  cmd->add_option("--env", f->env, "Set it for this environment only");
  cmd->add_flag("--global", f->global,
                "A global param (every component; with --env, that env's globals)");
  cmd->add_flag("--as-string", f->as_string, "Store the value as a string whatever it looks like");
  add_refused_flag(cmd, "--resolve-image",
                   "ks does not contact image registries; give the digest yourself "
                   "(IMAGE@sha256:...)");
  cmd->callback([&ctx, f] {
    ops::ParamSetOptions o;
    o.place = target_of(*f, 2, o.key, &o.value);
    o.as_string = f->as_string;
    ops::param_set(ctx.start_dir(), o);
  });
}

void add_param_unset(CLI::App* parent, Context& ctx) {
  auto* cmd = parent->add_subcommand("unset", "Remove a param (for one env with --env)");
  cmd->alias("delete");
  describe(cmd,
           "  ks param unset cnn num_workers\n  ks param unset --env=gke cnn num_gpus\n  ks param "
           "unset --global replicas");
  auto f = std::make_shared<SetFlags>();
  add_positionals(cmd, *f, "COMPONENT KEY, or KEY with --global", 2);
  cmd->add_option("--env", f->env, "Remove it from this environment's overrides");
  cmd->add_flag("--global", f->global, "A global param");
  cmd->callback([&ctx, f] {
    ops::ParamUnsetOptions o;
    o.place = target_of(*f, 1, o.key, nullptr);
    ops::param_unset(ctx.start_dir(), o);
  });
}

void add_param_list(CLI::App* parent, Context& ctx) {
  auto* cmd = parent->add_subcommand(
      "list", "List params as components see them (with --env: that env's values)");
  describe(cmd,
           "  ks param list\n  ks param list cnn --env=gke\n  ks param list --env=gke -o json");
  auto component = std::make_shared<std::string>();
  auto env = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>();
  cmd->add_option("component", *component, "Only this component");
  cmd->add_option("--env", *env, "Values after this environment's overrides and globals");
  auto module = std::make_shared<std::string>();
  cmd->add_option("--module", *module, "Only the components of this module (/ is the root)");
  add_refused_flag(cmd, "--without-modules",
                   "list one module with --module (/ is the root module) or one component");
  add_output_flag(cmd, *format, {"table", "json", "yaml"});
  cmd->callback([&ctx, component, env, format, module] {
    auto listed = ops::param_list(ctx.start_dir(), {*env, *component, *module});
    std::vector<std::vector<std::string>> rows;
    for (const auto& e : listed.entries)
      rows.push_back({e.component, e.param, show_value(e.value)});
    print_listing(ctx, *format, listed.by_component, {"component", "param", "value"}, rows);
  });
}

void add_param_diff(CLI::App* parent, Context& ctx) {
  auto* cmd = parent->add_subcommand("diff", "Show params that differ between two environments");
  describe(cmd, "  ks param diff minikube gke\n  ks param diff minikube gke --component cnn");
  auto env1 = std::make_shared<std::string>();
  auto env2 = std::make_shared<std::string>();
  auto component = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>();
  cmd->add_option("env1", *env1, "First environment")->required();
  cmd->add_option("env2", *env2, "Second environment")->required();
  cmd->add_option("--component", *component, "Only this component");
  add_output_flag(cmd, *format, {"table", "json", "yaml"});
  cmd->callback([&ctx, env1, env2, component, format] {
    nlohmann::json data = nlohmann::json::array();
    std::vector<std::vector<std::string>> rows;
    for (const auto& d : ops::param_diff(ctx.start_dir(), {*env1, *env2, *component})) {
      nlohmann::json va = d.in_env1.value_or(nlohmann::json()),
                     vb = d.in_env2.value_or(nlohmann::json());
      data.push_back({{"component", d.component}, {"param", d.param}, {*env1, va}, {*env2, vb}});
      rows.push_back(
          {d.component, d.param, d.in_env1 ? va.dump() : "", d.in_env2 ? vb.dump() : ""});
    }
    print_listing(ctx, *format, data, {"component", "param", *env1, *env2}, rows);
  });
}

}  // namespace

void add_param_commands(CLI::App& root, Context& ctx) {
  auto* param =
      root.add_subcommand("param", "Manage component params and their per-environment overrides");
  describe(param, "  ks param set --env=gke cnn num_gpus 1\n  ks param list --env=gke");
  param->require_subcommand(1);
  add_param_set(param, ctx);
  add_param_unset(param, ctx);
  add_param_list(param, ctx);
  add_param_diff(param, ctx);
}

}  // namespace ks::cli
