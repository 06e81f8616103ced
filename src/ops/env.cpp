#include "ops/env.h"

#include <filesystem>

#include "app/app.h"
#include "base/error.h"
#include "envs/envs.h"
#include "klib/install.h"
#include "ops/api_spec.h"
#include "render/render.h"

namespace ks::ops {

EnvAddResult env_add(const std::string& dir, const EnvAddOptions& options) {
  auto app = app::App::load(dir);
  app::validate_env_name(options.name);
  EnvAddResult out;
  out.binding = bind_cluster(options.cluster, false);
  out.k8s_version = options.k8s_version;
  std::optional<ApiSpec> spec;
  if (!options.api_spec.empty()) {
    // Generated before anything is written: a bad spec leaves the app as it was.
    spec = resolve_api_spec(options.api_spec, app.layout().lib(), options.spec_cache_dir);
    out.k8s_version = spec->k8s_version;
  }
  const Binding& b = out.binding;
  envs::add(app, {options.name, b.server, b.ns, b.context, out.k8s_version});
  if (spec && spec->library) klib::install(app.reload(), *spec->library, {});
  out.library_missing =
      !out.k8s_version.empty() &&
      !std::filesystem::is_directory(app.layout().lib() / "ksonnet-lib" / out.k8s_version);
  return out;
}

std::vector<EnvEntry> env_list(const std::string& dir) {
  auto app = app::App::load(dir);
  std::string current = app.current_env();
  std::vector<EnvEntry> out;
  for (const auto& name : app.spec().env_names()) {
    const auto& e = app.env(name);
    out.push_back({name, name == current, app.spec().env_overrides.count(name) > 0, e.k8s_version,
                   e.ns, e.context, e.server, envs::describe(e, name == current)});
  }
  return out;
}

nlohmann::json env_describe(const std::string& dir, const std::string& name) {
  auto app = app::App::load(dir);
  return envs::describe(app.env(name), app.current_env() == name);
}

void env_rm(const std::string& dir, const std::string& name) {
  envs::remove(app::App::load(dir), name);
}

EnvSetResult env_set(const std::string& dir, const EnvSetOptions& options) {
  auto app = app::App::load(dir);
  envs::EnvChanges c;
  c.ns = options.ns;
  c.new_name = options.new_name;
  if (options.context) {
    Binding b = bind_cluster({options.kubeconfig, *options.context, "", ""}, true);
    c.context = b.context;
    c.server = b.server;
  }
  if (options.server) {
    c.server = *options.server;
    c.context = "";
  }
  std::optional<ApiSpec> spec;
  if (options.api_spec) {
    spec = resolve_api_spec(*options.api_spec, app.layout().lib(), options.spec_cache_dir);
    c.k8s_version = spec->k8s_version;
  }
  if (!c.ns && !c.new_name && !c.context && !c.server && !c.k8s_version) {
    throw Error("nothing to change: give --namespace, --context, --server, --name or --api-spec");
  }
  const app::Environment before = app.env(options.name);
  if (spec && spec->library) klib::install(app, *spec->library, {});
  envs::update(app.reload(), options.name, c);
  EnvSetResult out;
  out.name = c.new_name ? *c.new_name : options.name;
  if (c.ns && *c.ns != before.ns) {
    out.left_namespace = before.ns;
    out.new_namespace = *c.ns;
  }
  out.cluster_changed =
      (c.server && *c.server != before.server) || (c.context && *c.context != before.context);
  return out;
}

std::string env_current(const std::string& dir, const EnvCurrentOptions& options) {
  auto app = app::App::load(dir);
  if (options.set) {
    envs::set_current(app, *options.set);
    return *options.set;
  }
  if (options.unset) {
    envs::set_current(app, "");
    return "";
  }
  return app.current_env();
}

std::vector<std::string> env_targets(const std::string& dir, const EnvTargetsOptions& options) {
  auto app = app::App::load(dir);
  if (options.modules.empty()) return render::env_modules(app, options.name);
  envs::set_targets(app, options.name, options.modules);
  return options.modules;
}

}  // namespace ks::ops
