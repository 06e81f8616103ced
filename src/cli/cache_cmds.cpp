// `ks cache clear` and `ks cache info`, and the render cache's settings from the environment.
#include <sys/stat.h>

#include <cstdlib>
#include <string>

#include <nlohmann/json.hpp>

#include "base/error.h"
#include "base/strings.h"
#include "cli/build_info.h"
#include "cli/cache_options.h"
#include "cli/context.h"
#include "cli/output.h"
#include "ops/cache.h"

namespace ks::cli {

namespace {

std::string env_or_empty(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

std::string cache_dir() {
  std::string base = env_or_empty("XDG_CACHE_HOME");
  if (base.empty() || base[0] != '/') {  // the XDG spec: relative paths are ignored
    std::string home = env_or_empty("HOME");
    if (home.empty()) return "";
    base = home + "/.cache";
  }
  return base + "/ks/render";
}

// The version and commit; a build from a modified tree ("-dirty", or outside git) adds the
// binary's size and mtime, so a rebuilt developer binary never reuses another build's values.
std::string tool_version() {
  std::string v = std::string(KS_VERSION) + " " + build_commit();
  if (str::ends_with(v, "-dirty") || str::ends_with(v, "unknown")) {
    struct stat st {};
    if (::stat("/proc/self/exe", &st) == 0)
      v += " " + std::to_string(st.st_size) + " " + std::to_string(st.st_mtim.tv_sec) + "." +
           std::to_string(st.st_mtim.tv_nsec);
    else
      v += " uncached";  // no identity for this binary: an impossible-to-share key
  }
  return v;
}

}  // namespace

ops::CacheOptions render_cache_options(bool no_cache_flag) {
  ops::CacheOptions o;
  o.dir = cache_dir();
  std::string off = env_or_empty("KS_NO_CACHE");
  o.enabled = !no_cache_flag && !o.dir.empty() && (off.empty() || off == "0");
  if (std::string mb = env_or_empty("KS_CACHE_MAX_MB"); !mb.empty() && std::atoll(mb.c_str()) > 0)
    o.max_bytes = static_cast<std::uint64_t>(std::atoll(mb.c_str())) * 1024 * 1024;
  o.tool_version = tool_version();
  return o;
}

void add_cache_commands(CLI::App& root, Context& ctx) {
  auto* cache = root.add_subcommand("cache", "Manage the render cache (see `ks show --no-cache`)");
  cache->require_subcommand(1);
  describe(cache, "  ks cache info\n  ks cache clear");

  auto* clear = cache->add_subcommand("clear", "Remove every entry of the render cache");
  describe(clear, "  ks cache clear");
  clear->callback([&ctx] {
    auto o = render_cache_options(false);
    auto removed = ops::cache_clear(o);
    if (!ctx.quiet)
      ctx.out << "removed " << removed.entries << " entries (" << removed.bytes << " bytes) from "
              << o.dir << "\n";
  });

  auto* info = cache->add_subcommand("info", "Where the render cache is and how big");
  describe(info, "  ks cache info\n  ks cache info -o json");
  auto format = std::make_shared<std::string>();
  add_output_flag(info, *format, {"text", "json", "yaml"});
  info->callback([&ctx, format] {
    auto o = render_cache_options(false);
    auto stats = ops::cache_info(o);
    bool disabled = !env_or_empty("KS_NO_CACHE").empty() && env_or_empty("KS_NO_CACHE") != "0";
    nlohmann::json data = {
        {"apiVersion", "ks.io/v1"}, {"kind", "RenderCache"}, {"path", o.dir},
        {"entries", stats.entries}, {"bytes", stats.bytes},  {"maxBytes", o.max_bytes},
        {"enabled", !disabled}};
    if (*format == "text")
      ctx.out << "path: " << o.dir << "\nentries: " << stats.entries << "\nsize: " << stats.bytes
              << " bytes (limit " << o.max_bytes
              << ")\nenabled: " << (disabled ? "no (KS_NO_CACHE)" : "yes") << "\n";
    else
      print_listing(ctx, *format, data, {}, {});
  });
}

}  // namespace ks::cli
