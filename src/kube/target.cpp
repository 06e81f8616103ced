#include "kube/target.h"

#include "base/error.h"
#include "kube/server_url.h"

namespace ks::kube {

namespace {

std::string pick_context(const Target& target, const KubeConfig& config) {
  if (!target.context.empty()) return target.context;
  if (!target.server.empty()) {
    // Prefer the current context when it points at the env's server.
    auto current = current_context(config);
    if (current) {
      auto ctx = config.contexts.find(*current);
      if (ctx != config.contexts.end()) {
        auto cl = config.clusters.find(ctx->second.cluster);
        if (cl != config.clusters.end() && same_server(cl->second.server, target.server))
          return *current;
      }
    }
    for (const auto& [name, ctx] : config.contexts) {
      auto cl = config.clusters.find(ctx.cluster);
      if (cl != config.clusters.end() && same_server(cl->second.server, target.server)) return name;
    }
  }
  if (auto current = current_context(config)) return *current;
  if (!target.server.empty())
    throw Error("no kube context points at server " + target.server +
                " and the kubeconfig has no current context; add a context for it or set the env's "
                "context");
  throw Error(
      "the kubeconfig has no current context; set the env's context (ks env set ENV --context "
      "NAME)");
}

}  // namespace

Connection resolve_target(const Target& target) {
  return resolve_target(target, load_kubeconfig(target.kubeconfig));
}

Connection resolve_target(const Target& target, const KubeConfig& config) {
  Connection c;
  c.context = resolve_context(config, pick_context(target, config));
  c.cluster = config.clusters.at(c.context.cluster);
  if (!c.context.user.empty()) {
    auto user = config.users.find(c.context.user);
    if (user == config.users.end())
      throw Error("kube context '" + c.context.name + "' names user '" + c.context.user +
                  "', which the kubeconfig does not define");
    c.user = user->second;
  }
  if (!target.server.empty() && !same_server(target.server, c.context.server)) {
    if (!target.skip_server_check)
      throw Error(
          "the environment's server " + normalize_server_url(target.server) +
          " is not the server " + normalize_server_url(c.context.server) + " of kube context '" +
          c.context.name +
          "'; fix the env's server or context, or pass --skip-server-check to deploy anyway");
    c.warnings.push_back("deploying to " + c.context.server + " although the environment names " +
                         target.server + " (--skip-server-check)");
  }
  c.default_namespace = !target.namespace_.empty()      ? target.namespace_
                        : !c.context.namespace_.empty() ? c.context.namespace_
                                                        : "default";
  if (c.cluster.insecure_skip_tls_verify) {
    if (!c.cluster.certificate_authority.empty() || !c.cluster.certificate_authority_data.empty())
      throw Error("kube cluster '" + c.context.cluster +
                  "' sets both a certificate authority and insecure-skip-tls-verify; remove one");
    c.warnings.push_back("TLS certificate verification is disabled for " + c.context.server +
                         " (insecure-skip-tls-verify in kube cluster '" + c.context.cluster + "')");
  }
  const UserConfig& u = c.user;
  int methods =
      (!u.token.empty() || !u.token_file.empty()) + (!u.username.empty() || !u.password.empty());
  if (methods > 1)
    throw Error("kube user '" + c.context.user +
                "' has more than one authentication method (token and basic auth)");
  if (!u.auth_provider.empty() && !u.exec && u.token.empty())
    throw Error("kube user '" + c.context.user + "' uses the auth-provider '" + u.auth_provider +
                "', which ks does not support; use an exec credential plugin instead");
  return c;
}

}  // namespace ks::kube
