#pragma once
// Whether an env's main.jsonnet and base.libsonnet are still the scaffold's (comments and
// whitespace aside). Stock ones are the identity on the components object, so ks can skip
// evaluating them and split components across threads.
#include <optional>
#include <string>

#include "app/layout.h"
#include "render/literal.h"

namespace ks::render {

bool is_stock_env(const app::Layout& layout, const std::string& env_path);

// When an env's params.libsonnet is the scaffold's with plain-data overrides only (what `ks env
// add` and `ks param set --env` write; ksonnet 0.13's scaffold too), the `params + {...}` patch
// it applies; nullopt for any other text. Then the env's params can be computed without an
// evaluation (see literal_env_params).
std::optional<LiteralPatch> scaffold_env_params_patch(const std::string& params_text);

// The env's params as the scaffold's params.libsonnet computes them: `patch` applied to
// {components: `components`}, then `globals` added to every component. nullopt where jsonnet
// would not be merging objects (a component's params or the globals not an object), so the caller
// evaluates the file and reports what jsonnet reports.
std::optional<nlohmann::json> literal_env_params(const LiteralPatch& patch,
                                                 const nlohmann::json& components,
                                                 const nlohmann::json& globals);

}  // namespace ks::render
