#include "ops/render_env.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "base/error.h"
#include "registry/packages.h"

namespace ks::ops {

void require_intact_packages(const app::App& app) {
  auto drift = registry::verify_packages(app);
  std::erase_if(drift, [](const registry::Drift& d) { return d.missing; });
  if (!drift.empty()) {
    throw Error("vendored package " + drift.front().key + ": " + drift.front().problem +
                (drift.size() > 1 ? "; run `ks pkg verify` for all" : ""));
  }
}

RenderedEnv render_checked(const app::App& app, const EnvRequest& request) {
  auto start = std::chrono::steady_clock::now();
  RenderedEnv out;
  out.env = app.resolve_env_name(request.env);
  require_intact_packages(app);
  auto result = render::render_env(app, out.env, request.render);
  out.objects = std::move(result.objects);
  out.stats = result.cache;
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return out;
}

std::string describe_render(const RenderedEnv& rendered, bool cache_enabled) {
  const RenderStats& s = rendered.stats;
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.2f", rendered.seconds);
  auto plural = [](int n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
  };
  std::string line = "rendered env '" + rendered.env + "' in " + seconds + " s: " +
                     plural(s.hits + s.evaluated, "jsonnet component", "jsonnet components");
  if (cache_enabled) line += ", " + std::to_string(s.hits) + " from the render cache";
  line += ", " + std::to_string(s.evaluated) + " evaluated (" +
          plural(s.component_vms, "VM", "VMs") + ")";
  if (!cache_enabled) line += ", render cache off";
  line += s.params_vms ? "; env params evaluated" : "; env params read as data or cached";
  return line;
}

}  // namespace ks::ops
