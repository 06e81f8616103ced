#include "ops/prototype.h"

#include "app/app.h"
#include "base/error.h"
#include "base/fs.h"
#include "base/yaml.h"
#include "prototypes/catalog.h"
#include "prototypes/generate.h"
#include "prototypes/values.h"
#include "registry/packages.h"

namespace ks::ops {

std::vector<Prototype> prototype_list(const std::string& dir) {
  try {
    app::find_layout(dir);
  } catch (const Error&) {
    return prototypes::system_prototypes();
  }
  return registry::prototype_catalog(app::App::load(dir));
}

std::vector<Prototype> prototype_search(const std::string& dir, const std::string& text) {
  auto all = prototype_list(dir);
  std::vector<Prototype> out;
  for (const auto* p : prototypes::search(all, text)) out.push_back(*p);
  if (out.empty()) throw Error("no prototypes match '" + text + "'; see `ks prototype list`");
  return out;
}

Prototype prototype_describe(const std::string& dir, const std::string& name) {
  auto all = prototype_list(dir);
  return prototypes::resolve(all, name);
}

std::string prototype_preview(const std::string& dir, const PreviewOptions& options) {
  auto all = prototype_list(dir);
  const auto& p = prototypes::resolve(all, options.prototype);
  auto flags = prototypes::parse_flag_args(options.param_args);
  for (const auto& [flag, value] : flags) {
    bool known = false;
    for (const auto& param : p.params) known |= param.name == flag;
    if (!known)
      throw Error("prototype " + p.name + " has no param --" + flag +
                  "; see `ks prototype describe " + p.name + "`");
  }
  return prototypes::expand(p, "preview");
}

GenerateResult generate(const std::string& dir, const GenerateOptions& options) {
  auto app = app::App::load(dir);
  auto all = registry::prototype_catalog(app);
  const auto& proto = prototypes::resolve(all, options.prototype);
  prototypes::GenerateRequest req;
  req.component = options.component;
  req.module = options.module;
  req.flags = prototypes::parse_flag_args(options.param_args);
  if (!options.values_file.empty()) {
    req.values = yaml::parse(fs::read_file(options.values_file), options.values_file);
    if (!req.values.is_object())
      throw Error(options.values_file + ": must be a mapping of param name to value");
  }
  auto g = prototypes::generate(app, proto, req);
  return {g.component, proto.name, fs::relative_below(g.file, app.layout().root)};
}

}  // namespace ks::ops
