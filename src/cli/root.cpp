#include <CLI/CLI.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "base/error.h"
#include "base/redact.h"
#include "cli/cli.h"
#include "cli/context.h"
#include "cli/ksonnet_flags.h"
#include "cli/term.h"

namespace ks::cli {

namespace {

// `error:` (red on a colour terminal) and the message's first line, then any details.
void print_error(const std::string& message) {
  std::cerr << term::paint("error:", term::Colour::Red, term::style_for(2).colour) << " " << message
            << "\n";
}

}  // namespace

int run(int argc, char** argv) {
  Context ctx;
  CLI::App root{"ks: configure and deploy Kubernetes apps with jsonnet (ksonnet compatible)", "ks"};
  root.require_subcommand(0, 1);
  root.fallthrough();
  root.add_option(
      "--dir", ctx.dir,
      "App folder (default: the current directory or the nearest parent with app.yaml)");
  root.add_flag("-v,--verbose", ctx.verbosity, "More output; repeat for more");
  root.add_flag("-q,--quiet", ctx.quiet, "Only errors and requested output");
  root.add_option("--log-level", "error: as -q, warn: the default, info: as -v, debug: as -vv")
      ->check(CLI::IsMember({"error", "warn", "info", "debug"}))
      ->each([&ctx](const std::string& level) {
        ctx.quiet = level == "error";
        ctx.verbosity = level == "debug" ? 2 : level == "info" ? 1 : 0;
      });
  root.add_option("--color",
                  "Colour output: auto (on a terminal, unless NO_COLOR is set), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->each([](const std::string& mode) {
        term::set_colour_mode(mode == "always"  ? term::ColourMode::Always
                              : mode == "never" ? term::ColourMode::Never
                                                : term::ColourMode::Auto);
      });
  add_refused_global_flags(root);
  root.set_help_all_flag("--help-all", "Help for every command");
  root.footer(
      "\nExample:\n  ks init my-app && cd my-app && ks show default\n\nRun `ks help COMMAND` or "
      "`ks COMMAND --help` for a command's flags and an example.");

  add_version_commands(root, ctx);
  add_init_command(root, ctx);
  add_env_commands(root, ctx);
  add_component_commands(root, ctx);
  add_param_commands(root, ctx);
  add_show_command(root, ctx);
  add_deploy_commands(root, ctx);
  add_registry_commands(root, ctx);
  add_pkg_commands(root, ctx);
  add_prototype_commands(root, ctx);
  add_lib_commands(root, ctx);
  add_completion_commands(root, ctx);
  add_docs_command(root, ctx);
  add_upgrade_command(root, ctx);
  add_cache_commands(root, ctx);

  std::vector<std::string> args(argv + 1, argv + argc);
  if (!args.empty() && args[0] == "__complete") {
    return complete_words(root, ctx, {args.begin() + 1, args.end()});
  }
  // `ks help [COMMAND...]` is `ks [COMMAND...] --help`.
  if (!args.empty() && args[0] == "help") {
    args.erase(args.begin());
    args.push_back("--help");
  }
  std::reverse(args.begin(), args.end());  // CLI11 takes the arguments in reverse order
  try {
    root.parse(args);
    if (root.get_subcommands().empty()) {
      std::cout << root.help();
      return 0;
    }
  } catch (const CLI::CallForHelp& e) {
    return root.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return root.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return root.exit(e);
  } catch (const CLI::ParseError& e) {
    print_error(redact_userinfo(std::string(e.what()) + " (run with --help for usage)"));
    return e.get_exit_code() == 0 ? 0 : 2;
  } catch (const Error& e) {
    // Messages may quote a registry or server URL; its credentials never reach the terminal.
    print_error(redact_userinfo(e.what()));
    return e.exit_code();
  } catch (const std::exception& e) {
    print_error(redact_userinfo(e.what()));
    return 1;
  }
  return ctx.exit_code;
}

}  // namespace ks::cli
