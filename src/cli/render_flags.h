#pragma once
// Flags shared by every command that renders an environment (show, apply, diff, delete,
// validate): the one place a render flag is added.
#include <string>
#include <vector>

#include "cli/context.h"
#include "ops/render_env.h"

namespace ks::cli {

struct RenderFlags {
  std::string env;
  std::vector<std::string> components;
  std::vector<std::string> jpaths;
  std::vector<std::string> ext_str, ext_str_file, tla_str, tla_str_file;
  bool no_cache = false;  // --no-cache (KS_NO_CACHE=1 does the same)

  ops::RenderOptions options() const;
  ops::EnvRequest request() const { return {env, options()}; }
};

// Adds the optional ENV positional, -c/--component, -J/--jpath, -V/--ext-str, --ext-str-file,
// -A/--tla-str, --tla-str-file, --no-cache.
void add_render_flags(CLI::App* cmd, RenderFlags& flags, bool env_positional = true);

}  // namespace ks::cli
