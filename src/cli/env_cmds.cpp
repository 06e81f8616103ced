#include "base/error.h"
#include "base/strings.h"
#include "base/yaml.h"
#include "cli/context.h"
#include "cli/ksonnet_flags.h"
#include "cli/output.h"
#include "ops/env.h"

namespace ks::cli {

namespace {

// ksonnet's -o/--override wrote the env into app.override.yaml.
void add_refused_option_flag_override(CLI::App* cmd) {
  add_refused_flag(cmd, "-o,--override",
                   "write the environment into app.override.yaml yourself (ks reads it: same "
                   "keys as app.yaml's environments)");
}

void add_env_add(CLI::App* env, Context& ctx) {
  auto* cmd =
      env->add_subcommand("add", "Add an environment bound to a kube context or an API server");
  describe(cmd,
           "  ks env add gke --context=gke\n"
           "  ks env add minikube --context=minikube --namespace=kubeflow\n"
           "  ks env add staging --server=https://10.0.0.1:6443 --namespace=staging");
  auto o = std::make_shared<ops::EnvAddOptions>();
  ops::BindingFlags* f = &o->cluster;
  auto* name = &o->name;
  cmd->add_option("name", *name, "Environment name")->required();
  cmd->add_option("--context", f->context, "Kube context (default: the current context, if any)");
  cmd->add_option("--server", f->server, "API server URL (instead of a context)");
  cmd->add_option("-n,--namespace", f->ns, "Namespace (default: the context's, else default)");
  cmd->add_option("--kubeconfig", f->kubeconfig,
                  "kubeconfig file (default: $KUBECONFIG or ~/.kube/config)");
  cmd->add_option(
      "--api-version", o->k8s_version,
      "Kubernetes version whose lib/ksonnet-lib/VERSION the env uses (default: the app's)");
  auto* api_spec_opt = cmd->add_option(
      "--api-spec", o->api_spec,
      "ksonnet's form: file:SWAGGER.json generates the full k.libsonnet from that OpenAPI spec "
      "into lib/ksonnet-lib/VERSION and pins the env to it; version:vX.Y.Z uses that library or "
      "a spec already in ~/.cache/ks/openapi");
  api_spec_opt->excludes("--api-version");
  add_refused_option_flag_override(cmd);
  add_refused_connection_flags(cmd, {"--context", "--server", "--namespace"});
  cmd->callback([&ctx, o] {
    o->spec_cache_dir = ctx.spec_cache_dir();
    ops::EnvAddResult r = ops::env_add(ctx.start_dir(), *o);
    if (r.library_missing && !ctx.quiet) {
      ctx.err << "note: lib/ksonnet-lib/" << r.k8s_version
              << " does not exist yet; generate it with "
              << "`ks lib generate --env " << o->name << "`\n";
    }
    if (!ctx.quiet) {
      const ops::Binding& b = r.binding;
      ctx.out << "added environment '" << o->name << "' (namespace " << b.ns
              << (b.context.empty() ? "" : ", context " + b.context)
              << (b.server.empty() ? ", no cluster" : ", server " + b.server) << ")\n";
    }
  });
}

void add_env_list(CLI::App* env, Context& ctx) {
  auto* cmd = env->add_subcommand("list", "List environments");
  describe(cmd, "  ks env list\n  ks env list -o json");
  auto format = std::make_shared<std::string>();
  add_output_flag(cmd, *format, {"table", "json", "yaml"});
  cmd->callback([&ctx, format] {
    nlohmann::json data = nlohmann::json::array();
    std::vector<std::vector<std::string>> rows;
    for (const auto& e : ops::env_list(ctx.start_dir())) {
      data.push_back(e.description);
      rows.push_back({e.name + (e.current ? " *" : ""), e.overridden ? "*" : "", e.k8s_version,
                      e.ns, e.context, e.server});
    }
    print_listing(ctx, *format, data,
                  {"name", "override", "kubernetes-version", "namespace", "context", "server"},
                  rows);
  });
}

void add_env_describe(CLI::App* env, Context& ctx) {
  auto* cmd = env->add_subcommand("describe", "Show an environment's settings");
  describe(cmd, "  ks env describe gke\n  ks env describe gke -o json");
  auto name = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>();
  cmd->add_option("name", *name, "Environment name")->required();
  add_output_flag(cmd, *format, {"yaml", "json"});
  cmd->callback([&ctx, name, format] {
    auto data = ops::env_describe(ctx.start_dir(), *name);
    ctx.out << (*format == "json" ? data.dump(2) + "\n" : yaml::emit(data));
  });
}

void add_env_rm(CLI::App* env, Context& ctx) {
  auto* cmd = env->add_subcommand("rm", "Remove an environment and its folder");
  describe(cmd, "  ks env rm staging");
  auto name = std::make_shared<std::string>();
  cmd->add_option("name", *name, "Environment name")->required();
  cmd->callback([&ctx, name] {
    ops::env_rm(ctx.start_dir(), *name);
    if (!ctx.quiet) ctx.out << "removed environment '" << *name << "'\n";
  });
}

void add_env_set(CLI::App* env, Context& ctx) {
  auto* cmd =
      env->add_subcommand("set", "Change an environment's namespace, cluster binding or name");
  describe(cmd,
           "  ks env set gke --namespace=ml\n  ks env set gke --context=gke-prod\n  ks env set gke "
           "--name=prod");
  struct Flags {
    std::string name, ns, context, server, new_name, kubeconfig, api_spec;
  };
  auto f = std::make_shared<Flags>();
  cmd->add_option("name", f->name, "Environment name")->required();
  auto* ns = cmd->add_option("-n,--namespace", f->ns, "New namespace");
  auto* context =
      cmd->add_option("--context", f->context, "New kube context (its server is recorded too)");
  auto* server = cmd->add_option("--server", f->server, "New API server URL (unbinds the context)");
  auto* new_name =
      cmd->add_option("--name", f->new_name, "New environment name (renames its folder)");
  cmd->add_option("--kubeconfig", f->kubeconfig,
                  "kubeconfig file (default: $KUBECONFIG or ~/.kube/config)");
  context->excludes(server);
  auto* api_spec = cmd->add_option(
      "--api-spec", f->api_spec,
      "ksonnet's form: file:SWAGGER.json or version:vX.Y.Z (see `ks env add --help`)");
  add_refused_option_flag_override(cmd);
  cmd->callback([&ctx, f, ns, context, server, new_name, api_spec] {
    ops::EnvSetOptions o;
    o.name = f->name;
    o.kubeconfig = f->kubeconfig;
    o.spec_cache_dir = ctx.spec_cache_dir();
    if (*ns) o.ns = f->ns;
    if (*new_name) o.new_name = f->new_name;
    if (*context) o.context = f->context;
    if (*server) o.server = f->server;
    if (*api_spec) o.api_spec = f->api_spec;
    ops::EnvSetResult r = ops::env_set(ctx.start_dir(), o);
    if (!ctx.quiet) ctx.out << "updated environment '" << r.name << "'\n";
    // What happens to what the env already deployed (docs/deploying.md, --prune).
    if (r.left_namespace)
      ctx.err << "note: objects env '" << f->name << "' already deployed stay in namespace '"
              << *r.left_namespace << "'; `ks apply " << r.name
              << "` warns about them and `ks apply " << r.name
              << " --prune --yes` deletes them there once applied to '" << r.new_namespace << "'\n";
    if (r.cluster_changed)
      ctx.err << "note: objects env '" << f->name
              << "' already deployed stay on its previous cluster and ks no longer manages them; "
                 "to remove them, set the env back and run `ks delete`\n";
  });
}

void add_env_current(CLI::App* env, Context& ctx) {
  auto* cmd =
      env->add_subcommand("current", "Show or set the environment used when a command names none");
  describe(cmd, "  ks env current\n  ks env current --set gke\n  ks env current --unset");
  auto set = std::make_shared<std::string>();
  auto unset = std::make_shared<bool>(false);
  auto* set_opt = cmd->add_option("--set", *set, "Make this environment current");
  auto* unset_opt = cmd->add_flag("--unset", *unset, "Clear the current environment");
  set_opt->excludes(unset_opt);
  cmd->callback([&ctx, set, unset, set_opt] {
    ops::EnvCurrentOptions o;
    if (*set_opt) o.set = *set;
    o.unset = *unset;
    std::string current = ops::env_current(ctx.start_dir(), o);
    if (*set_opt) {
      if (!ctx.quiet) ctx.out << "current environment: " << current << "\n";
    } else if (!*unset && !current.empty()) {
      ctx.out << current << "\n";
    }
  });
}

void add_env_targets(CLI::App* env, Context& ctx) {
  auto* cmd = env->add_subcommand("targets", "Choose which modules an environment renders");
  describe(cmd, "  ks env targets gke --module=/ --module=ml\n  ks env targets gke   # print them");
  auto name = std::make_shared<std::string>();
  auto modules = std::make_shared<std::vector<std::string>>();
  cmd->add_option("name", *name, "Environment name")->required();
  cmd->add_option("--module", *modules, "Module to render (repeatable; / is the root module)");
  cmd->callback([&ctx, name, modules] {
    auto targets = ops::env_targets(ctx.start_dir(), {*name, *modules});
    if (modules->empty()) {
      for (const auto& m : targets) ctx.out << m << "\n";
      return;
    }
    if (!ctx.quiet)
      ctx.out << "environment '" << *name << "' now renders: " << str::join(*modules, ", ") << "\n";
  });
}

}  // namespace

void add_env_commands(CLI::App& root, Context& ctx) {
  auto* env = root.add_subcommand("env", "Manage environments (where and how the app is deployed)");
  describe(env, "  ks env add gke --context=gke\n  ks env list");
  env->require_subcommand(1);
  add_env_add(env, ctx);
  add_env_list(env, ctx);
  add_env_describe(env, ctx);
  add_env_rm(env, ctx);
  add_env_set(env, ctx);
  add_env_current(env, ctx);
  add_env_targets(env, ctx);
}

}  // namespace ks::cli
