// ks upgrade: app.yaml from ksonnet's 0.1.0 / 0.2.0 schema to 0.3.0.
#include "cli/context.h"
#include "cli/term.h"
#include "ops/upgrade.h"

namespace ks::cli {

void add_upgrade_command(CLI::App& root, Context& ctx) {
  auto* cmd =
      root.add_subcommand("upgrade", "Rewrite an app.yaml of apiVersion 0.1.0 or 0.2.0 as 0.3.0");
  describe(cmd,
           "  ks upgrade --dry-run   # print the change as a unified diff\n"
           "  ks upgrade\n\n"
           "ks reads the older schemas as they are; upgrading writes what ks itself writes.");
  auto dry_run = std::make_shared<bool>(false);
  cmd->add_flag("--dry-run", *dry_run, "Print the change; write nothing");
  cmd->callback([&ctx, dry_run] {
    ops::UpgradeResult u = ops::upgrade(ctx.start_dir(), {*dry_run});
    if (!u.needed) {
      if (!ctx.quiet) ctx.out << "app.yaml is already apiVersion " << u.from_version << "\n";
      return;
    }
    if (*dry_run) {
      ctx.out << colour_diff(u.diff, term::style_for(1).colour);
      return;
    }
    if (!ctx.quiet)
      ctx.out << "upgraded app.yaml from apiVersion " << u.from_version << " to 0.3.0\n";
  });
}

}  // namespace ks::cli
