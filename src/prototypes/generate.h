#pragma once
// `ks generate` / `ks prototype use` / `ks prototype preview`.
#include <filesystem>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "app/app.h"
#include "prototypes/prototype.h"

namespace ks::prototypes {

// The component text: ksonnet's two header lines (`local env = ...; local params = ...
// .components.KEY;`) followed by the body with `import 'param://x'` → `params.x` and
// `import 'env://x'` → `env.x` substituted on the token stream. Errors when the result is not
// valid jsonnet.
std::string expand(const Prototype& proto, const std::string& params_key);

struct GenerateRequest {
  std::string component;  // NAME, or MODULE.NAME
  std::string module;     // --module: the module to put NAME in ("" = from the component name)
  std::map<std::string, std::string> flags;          // --param=value
  nlohmann::json values = nlohmann::json::object();  // --values-file content
};

struct Generated {
  std::string component;  // qualified name
  std::filesystem::path file;
  nlohmann::json params;
};

// Writes components/[MODULE/]NAME.jsonnet and its params entry (every param; optional ones with
// their defaults) in one transaction, and records which prototype made the component (see
// read_origins). `--name` defaults to the component's name. Refuses an existing component.
Generated generate(const app::App& app, const Prototype& proto, const GenerateRequest& request);

// What made each generated component: `.ksonnet/generated.json`,
// `{"components": {"<qualified name>": {"prototype": "<full name>", "package": "REG/PKG"}}}`
// (package "" for built-ins). Components made by ksonnet have no entry.
struct Origin {
  std::string prototype;
  std::string package;
};
std::map<std::string, Origin> read_origins(const app::Layout& layout);
std::filesystem::path origins_file(const app::Layout& layout);

}  // namespace ks::prototypes
