#include "ops/params.h"

#include <set>

#include "app/app.h"
#include "base/error.h"
#include "envs/params.h"
#include "render/render.h"

namespace ks::ops {

void param_set(const std::string& dir, const ParamSetOptions& options) {
  auto app = app::App::load(dir);
  if (!options.place.env.empty()) app.env(options.place.env);  // fails for an unknown env
  envs::set_param(app, {options.place.env, options.place.component}, options.key,
                  envs::param_value_source(options.value, options.as_string));
}

void param_unset(const std::string& dir, const ParamUnsetOptions& options) {
  auto app = app::App::load(dir);
  if (!options.place.env.empty()) app.env(options.place.env);
  envs::unset_param(app, {options.place.env, options.place.component}, options.key);
}

ParamListResult param_list(const std::string& dir, const ParamListOptions& options) {
  auto app = app::App::load(dir);
  auto params = render::evaluate_params(app, options.env, {});
  if (!options.component.empty() && !params.contains(options.component)) {
    throw Error("component '" + options.component + "' has no params (see `ks component list`)");
  }
  ParamListResult out{nlohmann::json::object(), {}};
  for (auto it = params.begin(); it != params.end(); ++it) {
    if (!options.component.empty() && it.key() != options.component) continue;
    if (!options.module.empty() && app::module_of(it.key()) != options.module) continue;
    out.by_component[it.key()] = it.value();
    if (!it.value().is_object()) continue;
    for (auto p = it.value().begin(); p != it.value().end(); ++p)
      out.entries.push_back({it.key(), p.key(), p.value()});
  }
  return out;
}

std::vector<ParamDifference> param_diff(const std::string& dir, const ParamDiffOptions& options) {
  auto app = app::App::load(dir);
  auto a = render::evaluate_params(app, options.env1, {});
  auto b = render::evaluate_params(app, options.env2, {});
  std::set<std::string> comps;
  for (auto it = a.begin(); it != a.end(); ++it) comps.insert(it.key());
  for (auto it = b.begin(); it != b.end(); ++it) comps.insert(it.key());
  std::vector<ParamDifference> out;
  for (const auto& c : comps) {
    if (!options.component.empty() && c != options.component) continue;
    nlohmann::json pa = a.value(c, nlohmann::json::object()),
                   pb = b.value(c, nlohmann::json::object());
    std::set<std::string> keys;
    for (auto it = pa.begin(); it != pa.end(); ++it) keys.insert(it.key());
    for (auto it = pb.begin(); it != pb.end(); ++it) keys.insert(it.key());
    for (const auto& k : keys) {
      ParamDifference d{c, k, std::nullopt, std::nullopt};
      if (pa.contains(k)) d.in_env1 = pa[k];
      if (pb.contains(k)) d.in_env2 = pb[k];
      if (d.in_env1.value_or(nlohmann::json()) == d.in_env2.value_or(nlohmann::json())) continue;
      out.push_back(std::move(d));
    }
  }
  return out;
}

}  // namespace ks::ops
