#include "app/app.h"
#include "base/error.h"
#include "base/strings.h"
#include "base/yaml.h"
#include "cli/api_spec.h"
#include "cli/context.h"
#include "cli/ksonnet_flags.h"
#include "cli/kube_binding.h"
#include "cli/output.h"
#include "envs/envs.h"
#include "klib/install.h"
#include "render/render.h"

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
  auto f = std::make_shared<BindingFlags>();
  auto name = std::make_shared<std::string>();
  cmd->add_option("name", *name, "Environment name")->required();
  cmd->add_option("--context", f->context, "Kube context (default: the current context, if any)");
  cmd->add_option("--server", f->server, "API server URL (instead of a context)");
  cmd->add_option("-n,--namespace", f->ns, "Namespace (default: the context's, else default)");
  cmd->add_option("--kubeconfig", f->kubeconfig,
                  "kubeconfig file (default: $KUBECONFIG or ~/.kube/config)");
  auto k8s_version = std::make_shared<std::string>();
  cmd->add_option(
      "--api-version", *k8s_version,
      "Kubernetes version whose lib/ksonnet-lib/VERSION the env uses (default: the app's)");
  auto api_spec = std::make_shared<std::string>();
  auto* api_spec_opt = cmd->add_option(
      "--api-spec", *api_spec,
      "ksonnet's form: file:SWAGGER.json generates the full k.libsonnet from that OpenAPI spec "
      "into lib/ksonnet-lib/VERSION and pins the env to it; version:vX.Y.Z uses that library or "
      "a spec already in ~/.cache/ks/openapi");
  api_spec_opt->excludes("--api-version");
  add_refused_option_flag_override(cmd);
  add_refused_connection_flags(cmd, {"--context", "--server", "--namespace"});
  cmd->callback([&ctx, f, name, k8s_version, api_spec] {
    auto app = app::App::load(ctx.start_dir());
    app::validate_env_name(*name);
    Binding b = bind_cluster(*f, false);
    std::optional<ApiSpec> spec;
    if (!api_spec->empty()) {
      // Generated before anything is written: a bad spec leaves the app as it was.
      spec = resolve_api_spec(*api_spec, app.layout().lib());
      *k8s_version = spec->k8s_version;
    }
    envs::add(app, {*name, b.server, b.ns, b.context, *k8s_version});
    if (spec && spec->library) klib::install(app.reload(), *spec->library, {});
    if (!k8s_version->empty() && !ctx.quiet &&
        !std::filesystem::is_directory(app.layout().lib() / "ksonnet-lib" / *k8s_version)) {
      ctx.err << "note: lib/ksonnet-lib/" << *k8s_version
              << " does not exist yet; generate it with "
              << "`ks lib generate --env " << *name << "`\n";
    }
    if (!ctx.quiet) {
      ctx.out << "added environment '" << *name << "' (namespace " << b.ns
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
    auto app = app::App::load(ctx.start_dir());
    std::string current = app.current_env();
    nlohmann::json data = nlohmann::json::array();
    std::vector<std::vector<std::string>> rows;
    for (const auto& name : app.spec().env_names()) {
      const auto& e = app.env(name);
      data.push_back(envs::describe(e, name == current));
      rows.push_back({name + (name == current ? " *" : ""),
                      app.spec().env_overrides.count(name) ? "*" : "", e.k8s_version, e.ns,
                      e.context, e.server});
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
    auto app = app::App::load(ctx.start_dir());
    auto data = envs::describe(app.env(*name), app.current_env() == *name);
    ctx.out << (*format == "json" ? data.dump(2) + "\n" : yaml::emit(data));
  });
}

void add_env_rm(CLI::App* env, Context& ctx) {
  auto* cmd = env->add_subcommand("rm", "Remove an environment and its folder");
  describe(cmd, "  ks env rm staging");
  auto name = std::make_shared<std::string>();
  cmd->add_option("name", *name, "Environment name")->required();
  cmd->callback([&ctx, name] {
    envs::remove(app::App::load(ctx.start_dir()), *name);
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
    auto app = app::App::load(ctx.start_dir());
    envs::EnvChanges c;
    if (*ns) c.ns = f->ns;
    if (*new_name) c.new_name = f->new_name;
    if (*context) {
      Binding b = bind_cluster({f->kubeconfig, f->context, "", ""}, true);
      c.context = b.context;
      c.server = b.server;
    }
    if (*server) {
      c.server = f->server;
      c.context = "";
    }
    std::optional<ApiSpec> spec;
    if (*api_spec) {
      spec = resolve_api_spec(f->api_spec, app.layout().lib());
      c.k8s_version = spec->k8s_version;
    }
    if (!c.ns && !c.new_name && !c.context && !c.server && !c.k8s_version) {
      throw Error("nothing to change: give --namespace, --context, --server, --name or --api-spec");
    }
    const app::Environment before = app.env(f->name);
    if (spec && spec->library) klib::install(app, *spec->library, {});
    envs::update(app.reload(), f->name, c);
    if (!ctx.quiet)
      ctx.out << "updated environment '" << (c.new_name ? *c.new_name : f->name) << "'\n";
    // What happens to what the env already deployed (docs/deploying.md, --prune).
    std::string env_name = c.new_name ? *c.new_name : f->name;
    if (c.ns && *c.ns != before.ns)
      ctx.err << "note: objects env '" << f->name << "' already deployed stay in namespace '"
              << before.ns << "'; `ks apply " << env_name << "` warns about them and `ks apply "
              << env_name << " --prune --yes` deletes them there once applied to '" << *c.ns
              << "'\n";
    if ((c.server && *c.server != before.server) || (c.context && *c.context != before.context))
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
    auto app = app::App::load(ctx.start_dir());
    if (*set_opt) {
      envs::set_current(app, *set);
      if (!ctx.quiet) ctx.out << "current environment: " << *set << "\n";
    } else if (*unset) {
      envs::set_current(app, "");
    } else {
      std::string current = app.current_env();
      if (!current.empty()) ctx.out << current << "\n";
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
    auto app = app::App::load(ctx.start_dir());
    if (modules->empty()) {
      for (const auto& m : render::env_modules(app, *name)) ctx.out << m << "\n";
      return;
    }
    envs::set_targets(app, *name, *modules);
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
