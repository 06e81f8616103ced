#include "ops/deploy.h"

#include <cctype>

#include "apply/ordering.h"
#include "base/error.h"
#include "envs/envs.h"

namespace ks::ops {

namespace {

// Everything a cluster operation needs about the env it deploys.
struct Deployment {
  std::string env;
  kube::Target target;
  apply::Identity identity;
  std::vector<std::string> moved_from;  // namespaces `ks env set --namespace` moved the env from
  std::vector<nlohmann::json> objects;
};

Deployment prepare(const std::string& dir, const EnvRequest& request,
                   const ClusterOptions& cluster) {
  auto app = app::App::load(dir);
  Deployment d;
  d.env = app.resolve_env_name(request.env);
  const app::Environment& env = app.env(d.env);
  d.target = {cluster.kubeconfig, env.context, env.server, env.ns, cluster.skip_server_check};
  std::string app_name =
      app.spec().name.empty() ? app.layout().root.filename().string() : app.spec().name;
  d.identity = {app_name, d.env};
  d.moved_from = envs::moved_namespaces(app, d.env);
  RenderedEnv rendered = render_checked(app, {d.env, request.render});
  d.objects = std::move(rendered.objects);
  if (cluster.progress.on_rendered)
    cluster.progress.on_rendered(describe_render(rendered, request.render.cache.enabled));
  if (cluster.progress.on_start) cluster.progress.on_start(d.objects.size());
  return d;
}

kube::SessionOptions session_of(const ClusterOptions& cluster) {
  kube::SessionOptions s;
  s.client.max_body_bytes = cluster.max_response_bytes;
  if (auto on_retry = cluster.progress.on_retry)
    s.retry.on_retry = [on_retry](int, const kube::Response& r) { on_retry(r.status); };
  s.on_waiting = cluster.progress.on_waiting;
  return s;
}

// The fields every apply:: options struct shares, from the one ClusterOptions.
template <typename T>
T cluster_options(const ClusterOptions& cluster, const Deployment& d) {
  T o;
  o.identity = d.identity;
  o.concurrency = cluster.concurrency;
  o.session = session_of(cluster);
  o.on_warning = cluster.progress.on_warning;
  return o;
}

std::vector<PlannedObject> client_plan(const std::vector<nlohmann::json>& objects, bool reverse) {
  std::vector<apply::Tier> tiers;
  std::vector<ObjectRef> refs;
  for (const auto& o : objects) {
    refs.push_back(kube::ref_of(o));
    tiers.push_back(
        apply::tier_of(refs.back().group(), refs.back().kind, !refs.back().namespace_.empty()));
  }
  std::vector<PlannedObject> planned;
  for (const auto& group : apply::group_by_tier(tiers, reverse))
    for (size_t i : group) planned.push_back({refs[i]});
  return planned;
}

}  // namespace

DeployResult apply(const std::string& dir, const ApplyOptions& options) {
  if (options.prune && !options.target.render.components.empty())
    throw Error(
        "--prune deletes every object of the env that is not rendered, so it cannot be combined "
        "with -c; "
        "apply the whole env to prune");
  const ClusterOptions& cluster = options.cluster;
  Deployment d = prepare(dir, options.target, cluster);
  DeployResult out{d.env, d.objects.size(), {}, {}};
  if (cluster.dry_run == DryRun::Client) {
    out.planned = client_plan(d.objects, false);
    return out;
  }
  auto o = cluster_options<apply::ApplyOptions>(cluster, d);
  o.field_manager = cluster.field_manager;
  o.force_conflicts = cluster.force_conflicts;
  o.dry_run = cluster.dry_run == DryRun::Server;
  o.prune = options.prune;
  o.prune_limit.confirmed = options.prune_confirmed;
  o.prune_limit.max = options.prune_max;
  o.create_namespace = options.create_namespace;
  o.earlier_namespaces = d.moved_from;
  o.wait = cluster.wait;
  o.timeout = cluster.timeout;
  o.on_result = cluster.progress.on_result;
  if (cluster.arm_cancel) o.cancel = cluster.arm_cancel();
  out.report = apply::apply(d.target, d.objects, o);
  return out;
}

DeployResult delete_env(const std::string& dir, const DeleteOptions& options) {
  const ClusterOptions& cluster = options.cluster;
  Deployment d = prepare(dir, options.target, cluster);
  DeployResult out{d.env, d.objects.size(), {}, {}};
  if (cluster.dry_run == DryRun::Client) {
    out.planned = client_plan(d.objects, true);
    return out;
  }
  auto o = cluster_options<apply::DeleteOptions>(cluster, d);
  o.dry_run = cluster.dry_run == DryRun::Server;
  o.delete_parent = options.target.render.components.empty();
  const std::string& c = options.cascade;
  o.propagation = c.empty() ? o.propagation
                            : std::string(1, static_cast<char>(std::toupper(c[0]))) + c.substr(1);
  o.grace_period_seconds = options.grace_period_seconds;
  o.wait = cluster.wait;
  o.timeout = cluster.timeout;
  o.on_result = cluster.progress.on_result;
  out.report = apply::delete_objects(d.target, d.objects, o);
  return out;
}

DeployResult validate(const std::string& dir, const ValidateOptions& options) {
  Deployment d = prepare(dir, options.target, options.cluster);
  DeployResult out{d.env, d.objects.size(), {}, {}};
  auto o = cluster_options<apply::ValidateOptions>(options.cluster, d);
  o.field_manager = options.cluster.field_manager;
  o.on_result = options.cluster.progress.on_result;
  out.report = apply::validate(d.target, d.objects, o);
  return out;
}

DiffResult diff(const std::string& dir, const DiffOptions& options) {
  if (options.envs.size() > 2) throw Error("diff takes ENV, or ENV1 ENV2");
  if (options.envs.size() == 2) {
    auto app = app::App::load(dir);
    auto left = render_checked(app, {options.envs[0], options.render}).objects;
    auto right = render_checked(app, {options.envs[1], options.render}).objects;
    return apply::diff_rendered(left, right, options.envs[0], options.envs[1]);
  }
  const ClusterOptions& cluster = options.cluster;
  Deployment d =
      prepare(dir, {options.envs.empty() ? "" : options.envs[0], options.render}, cluster);
  auto o = cluster_options<apply::DiffOptions>(cluster, d);
  o.field_manager = cluster.field_manager;
  o.force_conflicts = cluster.force_conflicts;
  return apply::diff(d.target, d.objects, o);
}

}  // namespace ks::ops
