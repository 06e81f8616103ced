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

struct RenderedEnv {
  std::string env;  // resolved name
  std::vector<nlohmann::json> objects;
};

// Throws ks::Error naming the first drifted package (and `ks pkg verify` when there are more)
// before anything is evaluated: rendered objects must come from the code that was pinned.
void require_intact_packages(const app::App& app);

// `env` resolved as above; integrity checked, then rendered.
RenderedEnv render_checked(const app::App& app, const EnvRequest& request);

}  // namespace ks::ops
