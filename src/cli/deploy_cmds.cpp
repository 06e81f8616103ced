// ks apply / diff / delete / validate: parse flags into one ops::ClusterOptions, call the use
// case, print its result.
#include <memory>
#include <optional>

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
#include "ops/cluster.h"
#include "ops/deploy.h"

namespace ks::cli {

namespace {

// The flags of every cluster command, bound straight to the one options struct; the text ones
// (--timeout, --dry-run) are turned into it by options().
struct ClusterFlags {
  ops::ClusterOptions cluster;
  std::string timeout = "300s";
  std::string dry_run = "none";

  ops::ClusterOptions options() const;
};

void add_cluster_flags(CLI::App* cmd, ClusterFlags& f) {
  ops::ClusterOptions& c = f.cluster;
  cmd->add_option("--kubeconfig", c.kubeconfig,
                  "kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)");
  cmd->add_flag("--skip-server-check", c.skip_server_check,
                "Deploy even when the kube context's server is not the env's server");
  cmd->add_option("--concurrency", c.concurrency, "Objects sent at the same time")
      ->check(CLI::Range(1, 64));
  cmd->add_option("--max-response-bytes", c.max_response_bytes,
                  "Refuse server responses larger than this")
      ->capture_default_str();
  add_refused_connection_flags(cmd, {});
}

// Go-style durations ("90s", "1m30s", "2h"); a bare number is seconds, as before.
std::chrono::seconds parse_timeout(const std::string& text) {
  return std::chrono::ceil<std::chrono::seconds>(duration::parse(str::trim(text), "--timeout"));
}

ops::ClusterOptions ClusterFlags::options() const {
  ops::ClusterOptions c = cluster;
  c.timeout = parse_timeout(timeout);
  c.dry_run = dry_run == "client"   ? ops::DryRun::Client
              : dry_run == "server" ? ops::DryRun::Server
                                    : ops::DryRun::None;
  return c;
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

// kubectl's --dry-run=none|client|server; a bare --dry-run is server, as it was before.
CLI::Option* add_dry_run_flag(CLI::App* cmd, std::string& mode, const std::string& verb) {
  return cmd
      ->add_flag("--dry-run{server}", mode,
                 "none; server: the server checks and reports what would " + verb +
                     " (dryRun=All), nothing changes; client: render and list the objects "
                     "without contacting the cluster. A bare --dry-run is server")
      ->check(CLI::IsMember({"none", "client", "server"}));
}

// --dry-run=client: the rendered objects in the order they would be sent, no cluster contacted.
// --dry-run=client: the rendered objects in the order they would be sent, no cluster contacted.
void print_client_plan(Context& ctx, const ops::DeployResult& result, const std::string& verb,
                       const std::string& format, const std::string& kind) {
  nlohmann::json listed = nlohmann::json::array();
  for (const auto& planned : result.planned) {
    const auto& r = planned.ref;
    nlohmann::json e = {
        {"apiVersion", r.api_version}, {"kind", r.kind}, {"name", r.name}, {"action", "planned"}};
    if (!r.namespace_.empty()) e["namespace"] = r.namespace_;
    listed.push_back(e);
    if (format == "text") ctx.out << "would " << verb << " " << r.display() << "\n";
  }
  std::size_t total = result.planned.size();
  if (format == "text")
    ctx.out << "would " << verb << " " << total << (total == 1 ? " object" : " objects")
            << " (client dry run: the cluster was not contacted)\n";
  else
    print_listing(ctx, format,
                  {{"apiVersion", "ks.io/v1"},
                   {"kind", kind},
                   {"dryRun", "client"},
                   {"objects", listed},
                   {"summary", {{"total", total}, {"actions", {{"planned", total}}}}},
                   {"failed", 0}},
                  {}, {});
}

void print_warning(const Context& ctx, const std::string& w) {
  ctx.err << "warning: " << w << "\n";
}

// One line per object (sorted within each tier) and, on a terminal, a live progress line,
// started once the objects are rendered and their number is known.
class Printer {
 public:
  // `lines`: print each object's result (text output); otherwise only warnings and retries.
  Printer(Context& ctx, ops::ClusterOptions& cluster, const std::string& verb, bool lines) {
    if (ctx.verbosity > 0)
      cluster.progress.on_rendered = [&ctx](const std::string& line) {
        ctx.err << "ks: " << line << "\n";
      };
    if (cluster.dry_run == ops::DryRun::Client) return;  // a plan is printed, nothing sent
    auto p = p_;
    bool dry_run = cluster.dry_run == ops::DryRun::Server;
    ops::Progress& progress = cluster.progress;
    progress.on_start = [p, &ctx, verb, dry_run](std::size_t total) {
      *p = std::make_shared<ResultPrinter>(ctx, verb, total, dry_run);
    };
    if (lines) progress.on_result = [p](const ops::ObjectResult& r) { (*p)->result(r); };
    progress.on_warning = [p, &ctx](const std::string& w) {
      if (*p)
        (*p)->warning(w);
      else
        print_warning(ctx, w);
    };
    progress.on_retry = [p](long status) {
      if (*p) (*p)->retry(status);
    };
    progress.on_waiting = [p](const std::string& text) {
      if (*p) (*p)->waiting(text);
    };
  }
  void finish() const {
    if (*p_) (*p_)->finish();
  }

 private:
  std::shared_ptr<std::shared_ptr<ResultPrinter>> p_ =
      std::make_shared<std::shared_ptr<ResultPrinter>>();
};

void fail_on_failures(const ops::Report& report, const std::string& verb) {
  std::string message = ops::failure_message(report, verb);
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
  auto opts = std::make_shared<ops::ApplyOptions>();
  auto format = std::make_shared<std::string>();
  add_render_flags(cmd, *flags);
  add_cluster_flags(cmd, *cluster);
  add_dry_run_flag(cmd, cluster->dry_run, "change");
  add_output_flag(cmd, *format, {"text", "json", "yaml"});
  add_ksonnet_apply_flags(cmd);
  cmd->add_flag("--force-conflicts", cluster->cluster.force_conflicts,
                "Take over fields another field manager owns");
  cmd->add_flag("--prune", opts->prune,
                "Delete objects this app+env applied before that are no longer rendered");
  cmd->add_flag("--yes", opts->prune_confirmed,
                "Let --prune delete any number of objects (by default it refuses to delete more "
                "than the apply keeps, or objects left in a namespace the env used before)");
  auto prune_max = std::make_shared<int>(-1);
  cmd->add_option("--prune-max", *prune_max,
                  "Let --prune delete at most this many objects, refusing above")
      ->check(CLI::NonNegativeNumber);
  cmd->add_flag("--create-namespace", opts->create_namespace,
                "Create the env's namespace when it does not exist");
  cmd->add_option("--field-manager", cluster->cluster.field_manager,
                  "Server-side apply field manager name")
      ->capture_default_str();
  cmd->add_flag("--wait", cluster->cluster.wait,
                "Wait until Deployments, StatefulSets, DaemonSets are ready and Jobs complete");
  cmd->add_option("--timeout", cluster->timeout,
                  "Limit for --wait and for CRDs to become established (90s, 1m30s, 2h)")
      ->capture_default_str();
  cmd->callback([&ctx, flags, cluster, opts, format, prune_max] {
    ops::ApplyOptions o = *opts;
    if (*prune_max >= 0) o.prune_max = *prune_max;
    o.cluster = cluster->options();
    o.target = flags->request();
    Printer progress(ctx, o.cluster, "applying", *format == "text");
    auto interrupt = std::make_shared<std::optional<InterruptGuard>>();
    o.cluster.arm_cancel = [interrupt] { return interrupt->emplace().flag(); };
    ops::DeployResult result = ops::apply(ctx.start_dir(), o);
    if (o.cluster.dry_run == ops::DryRun::Client)
      return print_client_plan(ctx, result, "apply", *format, "ApplyResult");
    const ops::Report& report = result.report;
    progress.finish();
    for (const std::string& note : report.notes) print_warning(ctx, note);
    if (*format == "text")
      ctx.out << ops::apply_summary(report) << "\n";
    else
      print_listing(ctx, *format, report_document("ApplyResult", report, cluster->dry_run), {}, {});
    fail_on_failures(report, "apply");
    if (report.interrupted)
      throw Error("interrupted: " + std::to_string(report.count(ops::Action::Skipped)) + " of " +
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
  auto format = std::make_shared<std::string>();
  cmd->add_option("envs", *envs, "ENV, or ENV1 ENV2 to compare two environments")->expected(0, 2);
  add_output_flag(cmd, *format, {"text", "json", "yaml"});
  add_render_flags(cmd, *flags, /*env_positional=*/false);
  add_cluster_flags(cmd, *cluster);
  cmd->add_flag("--force-conflicts", cluster->cluster.force_conflicts,
                "Diff as if conflicting fields were taken over");
  cmd->add_option("--field-manager", cluster->cluster.field_manager,
                  "Server-side apply field manager name")
      ->capture_default_str();
  cmd->callback([&ctx, flags, cluster, envs, format] {
    ops::DiffResult result;
    try {
      ops::DiffOptions o;
      o.envs = *envs;
      o.render = flags->options();
      o.cluster = cluster->options();
      o.cluster.progress.on_warning = [&ctx](const std::string& w) { print_warning(ctx, w); };
      result = ops::diff(ctx.start_dir(), o);
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
  auto opts = std::make_shared<ops::DeleteOptions>();
  auto grace = std::make_shared<int>(-1);
  auto format = std::make_shared<std::string>();
  add_render_flags(cmd, *flags);
  add_cluster_flags(cmd, *cluster);
  add_dry_run_flag(cmd, cluster->dry_run, "delete");
  add_output_flag(cmd, *format, {"text", "json", "yaml"});
  cmd->add_option("--grace-period", *grace, "Seconds objects get to terminate (-1: their default)")
      ->capture_default_str();
  cmd->add_option("--cascade", opts->cascade, "How dependents go: foreground, background or orphan")
      ->check(CLI::IsMember({"foreground", "background", "orphan"}))
      ->capture_default_str();
  cmd->add_flag("--wait", cluster->cluster.wait, "Wait until the objects are gone");
  cmd->add_option("--timeout", cluster->timeout, "Limit for --wait (90s, 1m30s, 2h)")
      ->capture_default_str();
  cmd->callback([&ctx, flags, cluster, opts, grace, format] {
    ops::DeleteOptions o = *opts;
    if (*grace >= 0) o.grace_period_seconds = *grace;
    o.cluster = cluster->options();
    o.target = flags->request();
    Printer progress(ctx, o.cluster, "deleting", *format == "text");
    ops::DeployResult result = ops::delete_env(ctx.start_dir(), o);
    if (o.cluster.dry_run == ops::DryRun::Client)
      return print_client_plan(ctx, result, "delete", *format, "DeleteResult");
    const ops::Report& report = result.report;
    progress.finish();
    for (const std::string& note : report.notes) print_warning(ctx, note);
    if (*format == "text")
      ctx.out << ops::delete_summary(report) << "\n";
    else
      print_listing(ctx, *format, report_document("DeleteResult", report, cluster->dry_run), {},
                    {});
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
    ops::ValidateOptions o{flags->request(), cluster->options()};
    Printer progress(ctx, o.cluster, "validating", true);
    ops::Report report = ops::validate(ctx.start_dir(), o).report;
    progress.finish();
    ctx.out << ops::validate_summary(report) << "\n";
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
