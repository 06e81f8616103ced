#pragma once
// Putting a generated library into an app: lib/ksonnet-lib/<version>/ is replaced in one
// transaction, and the envs named record that version (app.yaml `k8sVersion`), so render puts
// that folder before lib/ on their search path.
#include <filesystem>
#include <string>
#include <vector>

#include "app/app.h"
#include "klib/klib.h"

namespace ks::klib {

// Returns the folder written. Throws ks::Error for an unknown env.
std::filesystem::path install(const app::App& app, const Library& lib,
                              const std::vector<std::string>& pin_envs);

}  // namespace ks::klib
