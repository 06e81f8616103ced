#include "ops/init.h"

#include "app/init.h"
#include "base/error.h"
#include "klib/klib.h"
#include "ops/api_spec.h"
#include "ops/kube_binding.h"
#include "ops/openapi_fetch.h"

namespace ks::ops {

InitResult init(const InitOptions& options) {
  app::InitOptions o;
  o.name = options.name;
  o.dir = options.dir;
  o.create_default_env = options.create_default_env;
  o.env_name = options.env;
  if (o.create_default_env) {
    Binding b = bind_cluster({options.kubeconfig, options.context, options.server, options.ns},
                             /*context_required=*/false);
    o.server = b.server;
    o.context = b.context;
    o.ns = b.ns;
  }
  // The cluster's own API makes the full k.libsonnet; offline, the built-in minimal one stays.
  std::string lib_note = "no kube context";
  if (!options.api_spec.empty()) {
    if (!o.create_default_env)
      throw Error("--api-spec pins an environment's library; it cannot go with --skip-default-env");
    ApiSpec spec = resolve_api_spec(options.api_spec, "", options.spec_cache_dir);
    o.k8s_version = spec.k8s_version;
    for (const auto& [name, text] : spec.library->files)
      o.lib_files[(klib::app_lib_dir(spec.k8s_version) / name).string()] = text;
    lib_note.clear();
  } else if (o.create_default_env && !o.context.empty()) {
    try {
      // One attempt; an unreachable cluster fails at connect (3 s), a slow one after 10 s.
      auto doc = fetch_openapi_v2({options.kubeconfig, o.context, o.server, o.ns, false},
                                  std::chrono::milliseconds(10000), 1);
      klib::Library lib = klib::generate(doc);
      o.k8s_version = lib.k8s_version;
      for (const auto& [name, text] : lib.files)
        o.lib_files[(klib::app_lib_dir(lib.k8s_version) / name).string()] = text;
      lib_note.clear();
    } catch (const std::exception& e) {
      lib_note = e.what();
    }
  }
  InitResult out;
  out.root = app::init_app(o);
  if (o.create_default_env) {
    out.env = o.env_name;
    out.ns = o.ns;
    out.context = o.context;
    out.server = o.server;
    if (lib_note.empty()) {
      out.k8s_version = o.k8s_version;
      out.lib_dir = klib::app_lib_dir(o.k8s_version).string();
    } else {
      out.lib_note = lib_note;
    }
  }
  return out;
}

}  // namespace ks::ops
