#pragma once
// ks component list / rm, ks module create / list, ks import.
#include <string>
#include <vector>

namespace ks::ops {

struct ComponentEntry {
  std::string name;    // qualified: module.name for nested modules
  std::string module;  // "/" = the root module
  std::string type;    // jsonnet, yaml or json
  std::string file;    // relative to the app root
};

// `module` "": every module.
std::vector<ComponentEntry> component_list(const std::string& dir, const std::string& module);

// Deletes the component's file and its params in every env (one transaction).
void component_rm(const std::string& dir, const std::string& name);

// components/A/B/ with its params.libsonnet for module "A.B".
void module_create(const std::string& dir, const std::string& name);

// `env` "": every module; else the modules that env renders.
std::vector<std::string> module_list(const std::string& dir, const std::string& env);

struct ImportOptions {
  std::string path;          // a manifest file or a folder of them
  std::string module = "/";  // the module to import into
};

// The names of the components created. Throws ks::Error naming the file and line of a bad
// manifest, importing nothing.
std::vector<std::string> import_manifests(const std::string& dir, const ImportOptions& options);

}  // namespace ks::ops
