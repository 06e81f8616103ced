// ks apply / diff / delete / validate: render an env, then hand the objects to ks_apply.
#include <memory>

#include "app/app.h"
#include "apply/apply.h"
#include "apply/ordering.h"
#include "base/duration.h"
#include "base/error.h"
#include "base/strings.h"
#include "cli/context.h"
#include "cli/interrupt.h"
#include "cli/ksonnet_flags.h"
#include "cli/output.h"
#include "cli/progress.h"
#include "cli/render_flags.h"
#include "cli/result_output.h"
#include "cli/term.h"
#include "envs/envs.h"
#include "render/render.h"

namespace ks::cli {

namespace {

struct ClusterFlags {
  std::string kubeconfig;
  bool skip_server_check = false;
  int concurrency = 8;
  std::size_t max_response_bytes = kube::ClientOptions{}.max_body_bytes;
};

void add_cluster_flags(CLI::App* cmd, ClusterFlags& f) {
  cmd->add_option("--kubeconfig", f.kubeconfig,
                  "kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)");
  cmd->add_flag("--skip-server-check", f.skip_server_check,
                "Deploy even when the kube context's server is not the env's server");
  cmd->add_option("--concurrency", f.concurrency, "Objects sent at the same time")
      ->check(CLI::Range(1, 64));
  cmd->add_option("--max-response-bytes", f.max_response_bytes,
                  "Refuse server responses larger than this")
      ->capture_default_str();
  add_refused_connection_flags(cmd, {});
}

// ksonnet's apply flags for its client-side garbage collection and create switch.
void add_ksonnet_apply_flags(CLI::App* cmd) {
  add_refused_option(cmd, "--gc-tag",
                     "ks prunes what it applied before and no longer renders with --prune "
                     "(ApplySet labels, no tag to choose)");
  add_noop_flag(cmd, "--skip-gc");  // ks never deletes without --prune
  auto create = std::make_shared<bool>(true);
  cmd->add_flag("--create", *create, "ksonnet flag: only --create=true (the default) is taken")
      ->group("");
  cmd->parse_complete_callback([create] {
    if (!*create)
      throw Error(
          "ksonnet's --create=false is not supported by ks: server-side apply creates missing "
          "objects; use `ks diff` to see which objects do not exist yet");
  });
}

// Go-style durations ("90s", "1m30s", "2h"); a bare number is seconds, as before.
std::chrono::seconds parse_timeout(const std::string& text) {
  return std::chrono::ceil<std::chrono::seconds>(duration::parse(str::trim(text), "--timeout"));
}

// kubectl's --dry-run=none|client|server; a bare --dry-run is server, as it was before.
CLI::Option* add_dry_run_flag(CLI::App* cmd, std::string& mode, const std::string& verb) {
  mode = "none";
  return cmd
      ->add_flag("--dry-run{server}", mode,
                 "none; server: the server checks and reports what would " + verb +
                     " (dryRun=All), nothing changes; client: render and list the objects "
                     "without contacting the cluster. A bare --dry-run is server")
      ->check(CLI::IsMember({"none", "client", "server"}));
}

// --dry-run=client: the rendered objects in the order they would be sent, no cluster contacted.
void print_client_plan(Context& ctx, const std::vector<nlohmann::json>& objects,
                       const std::string& verb, bool reverse, const std::string& format,
                       const std::string& kind) {
  std::vector<apply::Tier> tiers;
  std::vector<kube::ObjectRef> refs;
  for (const auto& o : objects) {
    refs.push_back(kube::ref_of(o));
    tiers.push_back(
        apply::tier_of(refs.back().group(), refs.back().kind, !refs.back().namespace_.empty()));
  }
  nlohmann::json listed = nlohmann::json::array();
  for (const auto& group : apply::group_by_tier(tiers, reverse))
    for (size_t i : group) {
      const auto& r = refs[i];
      nlohmann::json e = {
          {"apiVersion", r.api_version}, {"kind", r.kind}, {"name", r.name}, {"action", "planned"}};
      if (!r.namespace_.empty()) e["namespace"] = r.namespace_;
      listed.push_back(e);
      if (format == "text") ctx.out << "would " << verb << " " << r.display() << "\n";
    }
  if (format == "text")
    ctx.out << "would " << verb << " " << objects.size()
            << (objects.size() == 1 ? " object" : " objects")
            << " (client dry run: the cluster was not contacted)\n";
  else
    print_listing(
        ctx, format,
        {{"apiVersion", "ks.io/v1"},
         {"kind", kind},
         {"dryRun", "client"},
         {"objects", listed},
         {"summary", {{"total", objects.size()}, {"actions", {{"planned", objects.size()}}}}},
         {"failed", 0}},
        {}, {});
}

// Everything a command needs about the env it deploys.
struct Deployment {
  std::string env;
  kube::Target target;
  apply::Identity identity;
  std::vector<std::string> moved_from;  // namespaces `ks env set --namespace` moved the env from
  std::vector<nlohmann::json> objects;
};

Deployment prepare(const Context& ctx, const RenderFlags& flags, const ClusterFlags& cluster) {
  auto app = app::App::load(ctx.start_dir());
  Deployment d;
  d.env = app.resolve_env_name(flags.env);
  const app::Environment& env = app.env(d.env);
  d.target = {cluster.kubeconfig, env.context, env.server, env.ns, cluster.skip_server_check};
  std::string app_name =
      app.spec().name.empty() ? app.layout().root.filename().string() : app.spec().name;
  d.identity = {app_name, d.env};
  d.moved_from = envs::moved_namespaces(app, d.env);
  // Vendored code must be what app.yaml pinned before it renders objects for a cluster.
  require_intact_packages(app);
  d.objects = render::render_env(app, d.env, flags.options()).objects;
  return d;
}

void print_warning(const Context& ctx, const std::string& w) {
  ctx.err << "warning: " << w << "\n";
}

// One line per object (sorted within each tier) and, on a terminal, a live progress line.
struct Printer {
  std::shared_ptr<ResultPrinter> p;
  Printer(Context& ctx, const std::string& verb, size_t total, bool dry_run)
      : p(std::make_shared<ResultPrinter>(ctx, verb, total, dry_run)) {}
  apply::ResultFn results() const {
    return [p = p](const apply::ObjectResult& r) { p->result(r); };
  }
  apply::WarningFn warnings() const {
    return [p = p](const std::string& w) { p->warning(w); };
  }
  void count_retries(kube::SessionOptions& session) const {
    session.retry.on_retry = [p = p](int, const kube::Response& r) { p->retry(r.status); };
    session.on_waiting = [p = p](const std::string& text) { p->waiting(text); };
  }
};

void fail_on_failures(const apply::Report& report, const std::string& verb) {
  std::string message = apply::failure_message(report, verb);
  if (!message.empty()) throw Error(message);
}

void add_apply(CLI::App& root, Context& ctx) {
  auto* cmd =
      root.add_subcommand("apply", "Server-side apply an environment's objects to its cluster");
  describe(
      cmd,
      "  ks apply prod\n  ks apply prod -c cnn --dry-run=server\n  ks apply prod --prune --wait "
      "--timeout 1m30s\n  ks apply prod -o json\n\n"
      "Prints one line per object (created, configured, unchanged or failed) and a summary;\n"
      "exits 1 when any object failed. The env's kube context must point at the env's server.");
  auto flags = std::make_shared<RenderFlags>();
  auto cluster = std::make_shared<ClusterFlags>();
  auto opts = std::make_shared<apply::ApplyOptions>();
  auto timeout = std::make_shared<std::string>("300s");
  auto dry_run = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>();
  add_render_flags(cmd, *flags);
  add_cluster_flags(cmd, *cluster);
  add_dry_run_flag(cmd, *dry_run, "change");
  add_output_flag(cmd, *format, {"text", "json", "yaml"});
  add_ksonnet_apply_flags(cmd);
  cmd->add_flag("--force-conflicts", opts->force_conflicts,
                "Take over fields another field manager owns");
  cmd->add_flag("--prune", opts->prune,
                "Delete objects this app+env applied before that are no longer rendered");
  cmd->add_flag("--yes", opts->prune_limit.confirmed,
                "Let --prune delete any number of objects (by default it refuses to delete more "
                "than the apply keeps, or objects left in a namespace the env used before)");
  auto prune_max = std::make_shared<int>(-1);
  cmd->add_option("--prune-max", *prune_max,
                  "Let --prune delete at most this many objects, refusing above")
      ->check(CLI::NonNegativeNumber);
  cmd->add_flag("--create-namespace", opts->create_namespace,
                "Create the env's namespace when it does not exist");
  cmd->add_option("--field-manager", opts->field_manager, "Server-side apply field manager name")
      ->capture_default_str();
  cmd->add_flag("--wait", opts->wait,
                "Wait until Deployments, StatefulSets, DaemonSets are ready and Jobs complete");
  cmd->add_option("--timeout", *timeout,
                  "Limit for --wait and for CRDs to become established (90s, 1m30s, 2h)")
      ->capture_default_str();
  cmd->callback([&ctx, flags, cluster, opts, timeout, dry_run, format, prune_max] {
    if (opts->prune && !flags->components.empty())
      throw Error(
          "--prune deletes every object of the env that is not rendered, so it cannot be combined "
          "with -c; "
          "apply the whole env to prune");
    auto wait_limit = parse_timeout(*timeout);
    Deployment d = prepare(ctx, *flags, *cluster);
    if (*dry_run == "client")
      return print_client_plan(ctx, d.objects, "apply", false, *format, "ApplyResult");
    apply::ApplyOptions o = *opts;
    o.dry_run = *dry_run == "server";
    o.identity = d.identity;
    o.earlier_namespaces = d.moved_from;
    if (*prune_max >= 0) o.prune_limit.max = *prune_max;
    o.timeout = wait_limit;
    o.concurrency = cluster->concurrency;
    o.session.client.max_body_bytes = cluster->max_response_bytes;
    Printer progress(ctx, "applying", d.objects.size(), o.dry_run);
    progress.count_retries(o.session);
    if (*format == "text") o.on_result = progress.results();
    o.on_warning = progress.warnings();
    cli::InterruptGuard interrupt;
    o.cancel = interrupt.flag();
    apply::Report report = apply::apply(d.target, d.objects, o);
    progress.p->finish();
    for (const std::string& note : report.notes) print_warning(ctx, note);
    if (*format == "text")
      ctx.out << apply::apply_summary(report) << "\n";
    else
      print_listing(ctx, *format, report_document("ApplyResult", report, *dry_run), {}, {});
    fail_on_failures(report, "apply");
    if (report.interrupted)
      throw Error("interrupted: " + std::to_string(report.count(apply::Action::Skipped)) + " of " +
                      std::to_string(report.objects.size()) +
                      " objects were not applied (the lines above name those that were)",
                  130);
  });
}

void add_diff(CLI::App& root, Context& ctx) {
  auto* cmd = root.add_subcommand(
      "diff", "Show what applying an environment would change, or compare two environments");
  describe(cmd,
           "  ks diff prod           # live cluster objects vs. what prod would apply\n"
           "  ks diff dev prod       # two environments' rendered objects, no cluster needed\n\n"
           "Exit code 0: no differences, 1: differences, 2: error. Set KS_EXTERNAL_DIFF to use\n"
           "another diff program (it gets two directories).");
  auto flags = std::make_shared<RenderFlags>();
  auto cluster = std::make_shared<ClusterFlags>();
  auto envs = std::make_shared<std::vector<std::string>>();
  auto force = std::make_shared<bool>(false);
  auto manager = std::make_shared<std::string>("ks");
  auto format = std::make_shared<std::string>();
  cmd->add_option("envs", *envs, "ENV, or ENV1 ENV2 to compare two environments")->expected(0, 2);
  add_output_flag(cmd, *format, {"text", "json", "yaml"});
  add_render_flags(cmd, *flags, /*env_positional=*/false);
  add_cluster_flags(cmd, *cluster);
  cmd->add_flag("--force-conflicts", *force, "Diff as if conflicting fields were taken over");
  cmd->add_option("--field-manager", *manager, "Server-side apply field manager name")
      ->capture_default_str();
  cmd->callback([&ctx, flags, cluster, envs, force, manager, format] {
    apply::DiffResult result;
    try {
      if (envs->size() == 2) {
        auto app = app::App::load(ctx.start_dir());
        render::Options options = flags->options();
        auto left = render::render_env(app, app.resolve_env_name((*envs)[0]), options).objects;
        auto right = render::render_env(app, app.resolve_env_name((*envs)[1]), options).objects;
        result = apply::diff_rendered(left, right, (*envs)[0], (*envs)[1]);
      } else {
        RenderFlags one = *flags;
        one.env = envs->empty() ? "" : (*envs)[0];
        Deployment d = prepare(ctx, one, *cluster);
        apply::DiffOptions o;
        o.identity = d.identity;
        o.field_manager = *manager;
        o.force_conflicts = *force;
        o.concurrency = cluster->concurrency;
        o.session.client.max_body_bytes = cluster->max_response_bytes;
        o.on_warning = [&ctx](const std::string& w) { print_warning(ctx, w); };
        result = apply::diff(d.target, d.objects, o);
      }
    } catch (const Error& e) {
      throw Error(e.what(), 2);
    }
    if (*format == "text")
      ctx.out << colour_diff(result.text, term::style_for(1).colour);
    else
      print_listing(ctx, *format, diff_document(result), {}, {});
    if (!result.errors.empty()) {
      for (const std::string& e : result.errors) ctx.err << "error: " << e << "\n";
      throw Error(std::to_string(result.errors.size()) + " objects could not be compared", 2);
    }
    ctx.exit_code = result.differs ? 1 : 0;
  });
}

void add_delete(CLI::App& root, Context& ctx) {
  auto* cmd = root.add_subcommand("delete", "Delete an environment's objects from its cluster");
  describe(
      cmd,
      "  ks delete dev\n  ks delete dev -c cnn --grace-period 0 --wait\n  ks delete dev "
      "--dry-run=server -o json\n\n"
      "Deletes namespaced objects first and Namespaces and CRDs last; objects already gone are\n"
      "reported as `not found`, which is not an error.");
  auto flags = std::make_shared<RenderFlags>();
  auto cluster = std::make_shared<ClusterFlags>();
  auto opts = std::make_shared<apply::DeleteOptions>();
  auto grace = std::make_shared<int>(-1);
  auto cascade = std::make_shared<std::string>("foreground");
  auto timeout = std::make_shared<std::string>("300s");
  auto dry_run = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>();
  add_render_flags(cmd, *flags);
  add_cluster_flags(cmd, *cluster);
  add_dry_run_flag(cmd, *dry_run, "delete");
  add_output_flag(cmd, *format, {"text", "json", "yaml"});
  cmd->add_option("--grace-period", *grace, "Seconds objects get to terminate (-1: their default)")
      ->capture_default_str();
  cmd->add_option("--cascade", *cascade, "How dependents go: foreground, background or orphan")
      ->check(CLI::IsMember({"foreground", "background", "orphan"}))
      ->capture_default_str();
  cmd->add_flag("--wait", opts->wait, "Wait until the objects are gone");
  cmd->add_option("--timeout", *timeout, "Limit for --wait (90s, 1m30s, 2h)")
      ->capture_default_str();
  cmd->callback([&ctx, flags, cluster, opts, grace, cascade, timeout, dry_run, format] {
    auto wait_limit = parse_timeout(*timeout);
    Deployment d = prepare(ctx, *flags, *cluster);
    if (*dry_run == "client")
      return print_client_plan(ctx, d.objects, "delete", true, *format, "DeleteResult");
    apply::DeleteOptions o = *opts;
    o.dry_run = *dry_run == "server";
    o.identity = d.identity;
    o.delete_parent = flags->components.empty();
    std::string c = *cascade;
    o.propagation = std::string(1, static_cast<char>(std::toupper(c[0]))) + c.substr(1);
    if (*grace >= 0) o.grace_period_seconds = *grace;
    o.timeout = wait_limit;
    o.concurrency = cluster->concurrency;
    o.session.client.max_body_bytes = cluster->max_response_bytes;
    Printer progress(ctx, "deleting", d.objects.size(), o.dry_run);
    progress.count_retries(o.session);
    if (*format == "text") o.on_result = progress.results();
    o.on_warning = progress.warnings();
    apply::Report report = apply::delete_objects(d.target, d.objects, o);
    progress.p->finish();
    for (const std::string& note : report.notes) print_warning(ctx, note);
    if (*format == "text")
      ctx.out << apply::delete_summary(report) << "\n";
    else
      print_listing(ctx, *format, report_document("DeleteResult", report, *dry_run), {}, {});
    fail_on_failures(report, "delete");
  });
}

void add_validate(CLI::App& root, Context& ctx) {
  auto* cmd = root.add_subcommand(
      "validate", "Check an environment's objects with a server-side dry-run apply");
  describe(cmd,
           "  ks validate prod\n  ks validate prod -c cnn\n\nReports every invalid object, not "
           "just the first; exits 1 when any is invalid.");
  auto flags = std::make_shared<RenderFlags>();
  auto cluster = std::make_shared<ClusterFlags>();
  add_render_flags(cmd, *flags);
  add_cluster_flags(cmd, *cluster);
  cmd->callback([&ctx, flags, cluster] {
    Deployment d = prepare(ctx, *flags, *cluster);
    apply::ValidateOptions o;
    o.identity = d.identity;
    o.concurrency = cluster->concurrency;
    o.session.client.max_body_bytes = cluster->max_response_bytes;
    Printer progress(ctx, "validating", d.objects.size(), false);
    progress.count_retries(o.session);
    o.on_result = progress.results();
    o.on_warning = progress.warnings();
    apply::Report report = apply::validate(d.target, d.objects, o);
    progress.p->finish();
    ctx.out << apply::validate_summary(report) << "\n";
    fail_on_failures(report, "validate");
  });
}

}  // namespace

void add_deploy_commands(CLI::App& root, Context& ctx) {
  add_apply(root, ctx);
  add_diff(root, ctx);
  add_delete(root, ctx);
  add_validate(root, ctx);
}

}  // namespace ks::cli
