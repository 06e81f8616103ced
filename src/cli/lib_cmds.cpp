#include "base/error.h"
#include "cli/context.h"
#include "ops/lib.h"

namespace ks::cli {

namespace {

void add_lib_generate(CLI::App* lib, Context& ctx) {
  auto* cmd = lib->add_subcommand("generate", "Generate k.libsonnet from a cluster's OpenAPI spec");
  describe(cmd,
           "  ks lib generate --env default\n"
           "  ks lib generate --spec swagger.json --env prod\n"
           "  ks lib generate --spec swagger.json --out ./k-lib");
  auto f = std::make_shared<ops::LibGenerateOptions>();
  cmd->add_option(
      "--env", f->env,
      "Environment whose cluster serves the spec (with --spec: the env to record the version on)");
  cmd->add_option("--spec", f->spec,
                  "OpenAPI v2 (swagger) JSON file instead of the cluster's /openapi/v2");
  cmd->add_option("--out", f->out,
                  "Folder to write the library to (default: lib/ksonnet-lib/VERSION in the app)");
  cmd->add_option("--k8s-version", f->k8s_version,
                  "Kubernetes version to record (default: the spec's info.version)");
  cmd->add_option("--kubeconfig", f->kubeconfig,
                  "kubeconfig file (default: $KUBECONFIG or ~/.kube/config)");
  cmd->callback([&ctx, f] {
    ops::LibGenerateResult lib = ops::lib_generate(ctx.start_dir(), *f);
    std::string where = lib.where;
    if (!ctx.quiet) {
      ctx.out << "generated k.libsonnet for Kubernetes " << lib.k8s_version << " (" << lib.files
              << " files) in " << where << "\n";
      if (f->out.empty() && f->env.empty()) {
        ctx.out << "pin an environment to it with `ks lib generate --spec " << f->spec
                << " --env ENV`\n";
      } else if (!f->env.empty()) {
        ctx.out << "environment '" << f->env << "' now uses Kubernetes " << lib.k8s_version << "\n";
      }
    }
  });
}

}  // namespace

void add_lib_commands(CLI::App& root, Context& ctx) {
  auto* lib =
      root.add_subcommand("lib", "Generate the ksonnet-lib (k.libsonnet) from a cluster's API");
  describe(lib, "  ks lib generate --env default");
  lib->require_subcommand(1);
  add_lib_generate(lib, ctx);
}

}  // namespace ks::cli
