#pragma once
// Whether an env's main.jsonnet and base.libsonnet are still the scaffold's (comments and
// whitespace aside). Stock ones are the identity on the components object, so ks can skip
// evaluating them and split components across threads.
#include <string>

#include "app/layout.h"

namespace ks::render {

bool is_stock_env(const app::Layout& layout, const std::string& env_path);

// Whether the env's params.libsonnet is the scaffold's (no overrides) and globals.libsonnet is
// empty: then the env's params are the components' own, with no evaluation needed.
bool is_stock_env_params(const app::Layout& layout, const std::string& env_path);

}  // namespace ks::render
