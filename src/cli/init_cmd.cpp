#include "cli/context.h"
#include "cli/ksonnet_flags.h"
#include "ops/init.h"

namespace ks::cli {

void add_init_command(CLI::App& root, Context& ctx) {
  auto* cmd = root.add_subcommand("init", "Create a new app folder with a default environment");
  describe(cmd,
           "  ks init my-kubeflow\n"
           "  ks init my-app --dir ./apps/my-app --namespace ml --context minikube\n"
           "  ks init my-app --skip-default-env");
  auto f = std::make_shared<ops::InitOptions>();
  auto skip_default_env = std::make_shared<bool>(false);
  cmd->add_option("name", f->name, "App name (also the folder name unless --dir is given)")
      ->required();
  cmd->add_option("--dir", f->dir, "Folder to create the app in (default: ./NAME)");
  cmd->add_option("-n,--namespace", f->ns,
                  "Namespace of the default environment (default: the context's, else default)");
  cmd->add_option("--context", f->context,
                  "Kube context the default environment deploys to (default: the current context)");
  cmd->add_option("--server", f->server,
                  "API server URL of the default environment (instead of a context)");
  cmd->add_option("--env", f->env, "Name of the default environment");
  cmd->add_option("--kubeconfig", f->kubeconfig,
                  "kubeconfig file (default: $KUBECONFIG or ~/.kube/config)");
  cmd->add_flag("--skip-default-env", *skip_default_env, "Create no environment");
  cmd->add_option("--api-spec", f->api_spec,
                  "ksonnet's form: file:SWAGGER.json generates the full k.libsonnet from that "
                  "OpenAPI spec; version:vX.Y.Z uses a spec already in ~/.cache/ks/openapi");
  add_noop_flag(cmd, "--skip-default-registries");  // ks adds no registry on init anyway
  add_refused_connection_flags(cmd, {"--context", "--server", "--namespace"});
  cmd->callback([f, skip_default_env, &ctx] {
    ops::InitOptions o = *f;
    o.create_default_env = !*skip_default_env;
    o.spec_cache_dir = ctx.spec_cache_dir();
    ops::InitResult r = ops::init(o);
    if (!ctx.quiet) {
      ctx.out << "created app '" << o.name << "' in " << r.root.string() << "\n";
      if (!r.env.empty()) {
        ctx.out << "environment '" << r.env << "': namespace " << r.ns
                << (r.context.empty() ? "" : ", context " + r.context)
                << (r.server.empty() ? ", no cluster" : ", server " + r.server) << "\n";
      }
      if (!r.env.empty() && r.lib_note.empty()) {
        ctx.out << "generated k.libsonnet for Kubernetes " << r.k8s_version << " in lib/"
                << r.lib_dir << "\n";
      } else if (!r.env.empty()) {
        ctx.err << "note: installed the minimal lib/k.libsonnet (" << r.lib_note
                << "); generate the full library later with `ks lib generate --env " << r.env
                << "`\n";
      }
    }
  });
}

}  // namespace ks::cli
