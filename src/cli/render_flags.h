#pragma once
// Flags shared by every command that renders an environment (show, apply, diff, delete, validate).
#include <memory>
#include <string>
#include <vector>

#include "cli/context.h"
#include "render/render.h"

namespace ks::cli {

struct RenderFlags {
  std::string env;
  std::vector<std::string> components;
  std::vector<std::string> jpaths;
  std::vector<std::string> ext_str, ext_str_file, tla_str, tla_str_file;
  bool no_cache = false;  // --no-cache (KS_NO_CACHE=1 does the same)

  render::Options options() const;
};

// Refuses to go on when a vendored package no longer matches the sha256 app.yaml recorded
// (`ks pkg verify` lists every drift): rendered objects must come from the code that was pinned.
void require_intact_packages(const app::App& app);

// Adds the optional ENV positional, -c/--component, -J/--jpath, -V/--ext-str, --ext-str-file,
// -A/--tla-str, --tla-str-file, --no-cache.
void add_render_flags(CLI::App* cmd, RenderFlags& flags, bool env_positional = true);

}  // namespace ks::cli
