#pragma once
// The one way every use case renders an env: load the app, resolve the env, refuse vendored
// packages that drifted from what app.yaml pinned, render.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/app.h"
#include "render/render.h"

namespace ks::ops {

// -c, -J, --ext-str, --tla-str and whatever else render takes.
using RenderOptions = render::Options;

struct EnvRequest {
  std::string env;  // "" = the current env (`ks env current`)
  RenderOptions render;
};

// What a render did (cache hits, evaluations), for `-v`.
using RenderStats = render::CacheStats;

struct RenderedEnv {
  std::string env;  // resolved name
  std::vector<nlohmann::json> objects;
  RenderStats stats;
  double seconds = 0;  // wall time of the render, integrity check included
};

// The `-v` line: "rendered env 'gke' in 0.06 s: 200 jsonnet components, 199 from the render cache,
// 1 evaluated (1 VM); env params read as data".
std::string describe_render(const RenderedEnv& rendered, bool cache_enabled);

// Throws ks::Error naming the first drifted package (and `ks pkg verify` when there are more)
// before anything is evaluated: rendered objects must come from the code that was pinned.
void require_intact_packages(const app::App& app);

// `env` resolved as above; integrity checked, then rendered.
RenderedEnv render_checked(const app::App& app, const EnvRequest& request);

}  // namespace ks::ops
