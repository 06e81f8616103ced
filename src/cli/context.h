#pragma once
// What every command gets from the root: global flags and output streams.
#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

namespace ks::cli {

struct Context {
  std::string dir;     // --dir: app root or a folder inside it (default: current directory)
  int verbosity = 0;   // -v, repeatable
  bool quiet = false;  // -q
  int exit_code = 0;   // set by commands whose success has more than one outcome (diff)
  std::ostream& out = std::cout;
  std::ostream& err = std::cerr;

  // The folder to start looking for app.yaml from.
  std::string start_dir() const { return dir.empty() ? "." : dir; }

  // Where `--api-spec` keeps OpenAPI specs: $XDG_CACHE_HOME/ks/openapi, else
  // ~/.cache/ks/openapi; "" when neither variable is set. Read here, at the edge, and passed down.
  static std::string spec_cache_dir() {
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg)
      return std::string(xdg) + "/ks/openapi";
    if (const char* home = std::getenv("HOME"); home && *home)
      return std::string(home) + "/.cache/ks/openapi";
    return "";
  }
};

// Each command group registers its subcommands on the root.
void add_version_commands(CLI::App& root, Context& ctx);
void add_init_command(CLI::App& root, Context& ctx);
void add_env_commands(CLI::App& root, Context& ctx);
void add_component_commands(CLI::App& root, Context& ctx);
void add_param_commands(CLI::App& root, Context& ctx);
void add_show_command(CLI::App& root, Context& ctx);
void add_deploy_commands(CLI::App& root, Context& ctx);
void add_registry_commands(CLI::App& root, Context& ctx);
void add_pkg_commands(CLI::App& root, Context& ctx);
void add_prototype_commands(CLI::App& root, Context& ctx);
void add_lib_commands(CLI::App& root, Context& ctx);
void add_completion_commands(CLI::App& root, Context& ctx);
void add_docs_command(CLI::App& root, Context& ctx);
void add_upgrade_command(CLI::App& root, Context& ctx);
void add_cache_commands(CLI::App& root, Context& ctx);

// `ks __complete WORDS...` (called by the completion scripts): prints the candidates for the
// last word, one per line.
int complete_words(CLI::App& root, Context& ctx, const std::vector<std::string>& words);

// Sets the one-line description and the example shown by --help.
inline CLI::App* describe(CLI::App* cmd, const std::string& example) {
  cmd->footer("\nExample:\n" + example);
  return cmd;
}

}  // namespace ks::cli
