#include <algorithm>

#include "app/app.h"
#include "base/error.h"
#include "base/fs.h"
#include "cli/context.h"
#include "cli/lib_fetch.h"
#include "klib/install.h"
#include "klib/klib.h"
#include "kube/http_client.h"
#include "kube/retry.h"
#include "kube/session.h"

namespace ks::cli {

nlohmann::json fetch_openapi_v2(const kube::Target& target, std::chrono::milliseconds timeout,
                                int attempts) {
  kube::Connection connection = kube::resolve_target(target);
  kube::ClientOptions options;
  options.request_timeout = timeout;
  options.connect_timeout = std::min(timeout, std::chrono::milliseconds(3000));
  kube::HttpClient client(connection, options);
  kube::Request request;
  request.path = "/openapi/v2";
  kube::RetryPolicy policy;
  policy.max_attempts = attempts;
  kube::Response r = kube::send_with_retry(client, request, policy);
  std::string where = "GET " + client.server() + "/openapi/v2";
  if (r.status == 0) throw Error(where + ": " + r.transport_error);
  if (r.status != 200) throw Error(where + ": HTTP " + std::to_string(r.status));
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(r.body);
  } catch (const nlohmann::json::exception& e) {
    throw Error(where + ": the response is not JSON (" + std::string(e.what()) + ")");
  }
  // A real API server's spec says only "1.37" in info.version; the release (v1.37.2), which
  // ksonnet named the library after, is /version's gitVersion. Without it the spec's word stands.
  request.path = "/version";
  kube::Response v = kube::send_with_retry(client, request, policy);
  if (v.status == 200 && doc.is_object() && doc.contains("info") && doc["info"].is_object()) {
    auto version = nlohmann::json::parse(v.body, nullptr, false);
    if (version.is_object() && version.value("gitVersion", "").rfind("v", 0) == 0) {
      doc["info"]["version"] = version["gitVersion"];
    }
  }
  return doc;
}

namespace {

nlohmann::json read_spec_file(const std::string& path) {
  try {
    return nlohmann::json::parse(fs::read_file(path));
  } catch (const nlohmann::json::exception& e) {
    throw Error(path + " is not a JSON OpenAPI document: " + e.what());
  }
}

void add_lib_generate(CLI::App* lib, Context& ctx) {
  auto* cmd = lib->add_subcommand("generate", "Generate k.libsonnet from a cluster's OpenAPI spec");
  describe(cmd,
           "  ks lib generate --env default\n"
           "  ks lib generate --spec swagger.json --env prod\n"
           "  ks lib generate --spec swagger.json --out ./k-lib");
  struct Flags {
    std::string env, spec, out, k8s_version, kubeconfig;
  };
  auto f = std::make_shared<Flags>();
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
    if (f->env.empty() && f->spec.empty()) {
      throw Error(
          "give --env ENV (read the env's cluster) or --spec FILE (an OpenAPI v2 JSON file)");
    }
    nlohmann::json doc;
    std::optional<app::App> app;
    if (!f->env.empty() || f->out.empty()) app = app::App::load(ctx.start_dir());
    if (!f->spec.empty()) {
      if (!f->env.empty()) app->env(f->env);  // fail before the work when the env is unknown
      doc = read_spec_file(f->spec);
    } else {
      const app::Environment& env = app->env(f->env);
      doc = fetch_openapi_v2({f->kubeconfig, env.context, env.server, env.ns, false},
                             std::chrono::milliseconds(60000), 4);
    }
    klib::Library lib = klib::generate(doc, {f->k8s_version});
    std::string where;
    if (!f->out.empty()) {
      klib::write_library(f->out, lib);
      where = f->out;
    } else {
      std::vector<std::string> pins;
      if (!f->env.empty()) pins.push_back(f->env);
      auto dir = klib::install(*app, lib, pins);
      where = dir.lexically_relative(app->layout().root).string();
    }
    if (!ctx.quiet) {
      ctx.out << "generated k.libsonnet for Kubernetes " << lib.k8s_version << " ("
              << lib.files.size() << " files) in " << where << "\n";
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
