#include "ops/lib.h"

#include <optional>

#include "app/app.h"
#include "base/error.h"
#include "base/fs.h"
#include "klib/install.h"
#include "klib/klib.h"
#include "ops/openapi_fetch.h"

namespace ks::ops {

namespace {

nlohmann::json read_spec_file(const std::string& path) {
  try {
    return nlohmann::json::parse(fs::read_file(path));
  } catch (const nlohmann::json::exception& e) {
    throw Error(path + " is not a JSON OpenAPI document: " + e.what());
  }
}

}  // namespace

LibGenerateResult lib_generate(const std::string& dir, const LibGenerateOptions& f) {
  if (f.env.empty() && f.spec.empty()) {
    throw Error("give --env ENV (read the env's cluster) or --spec FILE (an OpenAPI v2 JSON file)");
  }
  nlohmann::json doc;
  std::optional<app::App> app;
  if (!f.env.empty() || f.out.empty()) app = app::App::load(dir);
  if (!f.spec.empty()) {
    if (!f.env.empty()) app->env(f.env);  // fail before the work when the env is unknown
    doc = read_spec_file(f.spec);
  } else {
    const app::Environment& env = app->env(f.env);
    doc = fetch_openapi_v2({f.kubeconfig, env.context, env.server, env.ns, false},
                           std::chrono::milliseconds(60000), 4);
  }
  klib::Library lib = klib::generate(doc, {f.k8s_version});
  LibGenerateResult out{lib.k8s_version, lib.files.size(), ""};
  if (!f.out.empty()) {
    klib::write_library(f.out, lib);
    out.where = f.out;
  } else {
    std::vector<std::string> pins;
    if (!f.env.empty()) pins.push_back(f.env);
    auto installed = klib::install(*app, lib, pins);
    out.where = installed.lexically_relative(app->layout().root).string();
  }
  return out;
}

}  // namespace ks::ops
