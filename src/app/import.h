#pragma once
// `ks import`: YAML/JSON manifests become components (one per object) in a module.
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/app.h"

namespace ks::app {

// Imports every object of `source` (a file, or every .yaml/.yml/.json file of a folder) into
// `module`. Each becomes `<kind>-<name>.yaml` (a numeric suffix avoids existing names). All or
// nothing. Returns the new component names.
std::vector<std::string> import_manifests(const App& app, const std::filesystem::path& source,
                                          const std::string& module);

// The objects of one manifest file (`source` names it in errors): its YAML/JSON documents, v1
// Lists flattened. Throws ks::Error unless every one is an object with a string kind and
// metadata.name.
std::vector<nlohmann::json> manifest_objects(const std::string& text, const std::string& source);

// Creates components/<a>/<b>/params.libsonnet for module "a.b".
void create_module(const App& app, const std::string& module);

}  // namespace ks::app
