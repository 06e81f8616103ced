#include <set>

#include "base/error.h"
#include "cli/context.h"
#include "cli/ksonnet_flags.h"
#include "cli/output.h"
#include "envs/params.h"
#include "render/render.h"

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

envs::ParamTarget target_of(SetFlags& f, size_t want_key_args, std::string& key,
                            std::string* value) {
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
  envs::ParamTarget t{f.env, f.global ? "" : f.args[0]};
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
    auto app = app::App::load(ctx.start_dir());
    std::string key, value;
    auto target = target_of(*f, 2, key, &value);
    if (!f->env.empty()) app.env(f->env);
    envs::set_param(app, target, key, envs::param_value_source(value, f->as_string));
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
    auto app = app::App::load(ctx.start_dir());
    std::string key;
    auto target = target_of(*f, 1, key, nullptr);
    if (!f->env.empty()) app.env(f->env);
    envs::unset_param(app, target, key);
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
    auto app = app::App::load(ctx.start_dir());
    auto params = render::evaluate_params(app, *env, {});
    if (!component->empty() && !params.contains(*component)) {
      throw Error("component '" + *component + "' has no params (see `ks component list`)");
    }
    nlohmann::json data = nlohmann::json::object();
    std::vector<std::vector<std::string>> rows;
    for (auto it = params.begin(); it != params.end(); ++it) {
      if (!component->empty() && it.key() != *component) continue;
      if (!module->empty() && app::module_of(it.key()) != (*module == "" ? "/" : *module)) continue;
      data[it.key()] = it.value();
      if (!it.value().is_object()) continue;
      for (auto p = it.value().begin(); p != it.value().end(); ++p)
        rows.push_back({it.key(), p.key(), show_value(p.value())});
    }
    print_listing(ctx, *format, data, {"component", "param", "value"}, rows);
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
    auto app = app::App::load(ctx.start_dir());
    auto a = render::evaluate_params(app, *env1, {});
    auto b = render::evaluate_params(app, *env2, {});
    std::set<std::string> comps;
    for (auto it = a.begin(); it != a.end(); ++it) comps.insert(it.key());
    for (auto it = b.begin(); it != b.end(); ++it) comps.insert(it.key());
    nlohmann::json data = nlohmann::json::array();
    std::vector<std::vector<std::string>> rows;
    for (const auto& c : comps) {
      if (!component->empty() && c != *component) continue;
      nlohmann::json pa = a.value(c, nlohmann::json::object()),
                     pb = b.value(c, nlohmann::json::object());
      std::set<std::string> keys;
      for (auto it = pa.begin(); it != pa.end(); ++it) keys.insert(it.key());
      for (auto it = pb.begin(); it != pb.end(); ++it) keys.insert(it.key());
      for (const auto& k : keys) {
        nlohmann::json va = pa.contains(k) ? pa[k] : nlohmann::json(),
                       vb = pb.contains(k) ? pb[k] : nlohmann::json();
        if (va == vb) continue;
        data.push_back({{"component", c}, {"param", k}, {*env1, va}, {*env2, vb}});
        rows.push_back({c, k, pa.contains(k) ? va.dump() : "", pb.contains(k) ? vb.dump() : ""});
      }
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
