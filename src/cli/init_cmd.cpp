#include "app/init.h"
#include "base/error.h"
#include "cli/api_spec.h"
#include "cli/context.h"
#include "cli/ksonnet_flags.h"
#include "cli/kube_binding.h"
#include "cli/lib_fetch.h"
#include "klib/klib.h"

namespace ks::cli {

void add_init_command(CLI::App& root, Context& ctx) {
  auto* cmd = root.add_subcommand("init", "Create a new app folder with a default environment");
  describe(cmd,
           "  ks init my-kubeflow\n"
           "  ks init my-app --dir ./apps/my-app --namespace ml --context minikube\n"
           "  ks init my-app --skip-default-env");
  struct Flags {
    std::string name, dir, ns, context, server, env = "default", kubeconfig, api_spec;
    bool skip_default_env = false;
  };
  auto f = std::make_shared<Flags>();
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
  cmd->add_flag("--skip-default-env", f->skip_default_env, "Create no environment");
  cmd->add_option("--api-spec", f->api_spec,
                  "ksonnet's form: file:SWAGGER.json generates the full k.libsonnet from that "
                  "OpenAPI spec; version:vX.Y.Z uses a spec already in ~/.cache/ks/openapi");
  add_noop_flag(cmd, "--skip-default-registries");  // ks adds no registry on init anyway
  add_refused_connection_flags(cmd, {"--context", "--server", "--namespace"});
  cmd->callback([f, &ctx] {
    app::InitOptions o;
    o.name = f->name;
    o.dir = f->dir;
    o.create_default_env = !f->skip_default_env;
    o.env_name = f->env;
    if (o.create_default_env) {
      Binding b =
          bind_cluster({f->kubeconfig, f->context, f->server, f->ns}, /*context_required=*/false);
      o.server = b.server;
      o.context = b.context;
      o.ns = b.ns;
    }
    // The cluster's own API makes the full k.libsonnet; offline, the built-in minimal one stays.
    std::string lib_note = "no kube context";
    if (!f->api_spec.empty()) {
      if (!o.create_default_env)
        throw Error(
            "--api-spec pins an environment's library; it cannot go with --skip-default-env");
      ApiSpec spec = resolve_api_spec(f->api_spec, "");
      o.k8s_version = spec.k8s_version;
      for (const auto& [name, text] : spec.library->files)
        o.lib_files[(klib::app_lib_dir(spec.k8s_version) / name).string()] = text;
      lib_note.clear();
    } else if (o.create_default_env && !o.context.empty()) {
      try {
        // One attempt; an unreachable cluster fails at connect (3 s), a slow one after 10 s.
        auto doc = fetch_openapi_v2({f->kubeconfig, o.context, o.server, o.ns, false},
                                    std::chrono::milliseconds(10000), 1);
        klib::Library lib = klib::generate(doc);
        o.k8s_version = lib.k8s_version;
        for (const auto& [name, text] : lib.files)
          o.lib_files[(klib::app_lib_dir(lib.k8s_version) / name).string()] = text;
        lib_note.clear();
      } catch (const std::exception& e) {
        lib_note = e.what();
      }
    }
    auto root_dir = app::init_app(o);
    if (!ctx.quiet) {
      ctx.out << "created app '" << o.name << "' in " << root_dir.string() << "\n";
      if (o.create_default_env) {
        ctx.out << "environment '" << o.env_name << "': namespace " << o.ns
                << (o.context.empty() ? "" : ", context " + o.context)
                << (o.server.empty() ? ", no cluster" : ", server " + o.server) << "\n";
      }
      if (o.create_default_env && lib_note.empty()) {
        ctx.out << "generated k.libsonnet for Kubernetes " << o.k8s_version << " in lib/"
                << klib::app_lib_dir(o.k8s_version).string() << "\n";
      } else if (o.create_default_env) {
        ctx.err << "note: installed the minimal lib/k.libsonnet (" << lib_note
                << "); generate the full library later with `ks lib generate --env " << o.env_name
                << "`\n";
      }
    }
  });
}

}  // namespace ks::cli
