#include "cli/render_flags.h"

#include "base/error.h"
#include "base/fs.h"
#include "cli/cache_options.h"
#include "cli/process_guard.h"

namespace ks::cli {

namespace {

void split_pairs(const std::vector<std::string>& items, const char* flag, bool from_file,
                 std::map<std::string, std::string>& out) {
  for (const auto& item : items) {
    auto eq = item.find('=');
    if (eq == std::string::npos || eq == 0) {
      throw Error(std::string(flag) + " " + item +
                  ": expected KEY=" + (from_file ? "PATH" : "VALUE"));
    }
    std::string value = item.substr(eq + 1);
    out[item.substr(0, eq)] = from_file ? fs::read_file(value) : value;
  }
}

}  // namespace

ops::RenderOptions RenderFlags::options() const {
  ops::RenderOptions o;
  o.components = components;
  o.jpaths = jpaths;
  o.threads = startup_settings().render_threads;
  split_pairs(ext_str, "--ext-str", false, o.ext_str);
  split_pairs(ext_str_file, "--ext-str-file", true, o.ext_str);
  split_pairs(tla_str, "--tla-str", false, o.tla_str);
  split_pairs(tla_str_file, "--tla-str-file", true, o.tla_str);
  o.cache = render_cache_options(no_cache);
  return o;
}

void add_render_flags(CLI::App* cmd, RenderFlags& f, bool env_positional) {
  if (env_positional)
    cmd->add_option("env", f.env, "Environment (default: the current one, see `ks env current`)");
  cmd->add_option("-c,--component", f.components, "Only this component (repeatable)");
  cmd->add_option("-J,--jpath", f.jpaths, "Extra jsonnet library folder (repeatable)");
  cmd->add_option("-V,--ext-str", f.ext_str, "jsonnet external variable KEY=VALUE (repeatable)");
  cmd->add_option("--ext-str-file", f.ext_str_file,
                  "jsonnet external variable KEY=PATH read from a file");
  cmd->add_option("-A,--tla-str", f.tla_str, "top-level argument KEY=VALUE for main.jsonnet");
  cmd->add_option("--tla-str-file", f.tla_str_file, "top-level argument KEY=PATH read from a file");
  cmd->add_flag("--no-cache", f.no_cache,
                "Evaluate every component, neither reading nor writing the render cache (as "
                "KS_NO_CACHE=1)");
}

}  // namespace ks::cli
