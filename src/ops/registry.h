#pragma once
// ks registry add / list / describe / set / rm / init (lint: ops/registry_lint.h).
#include <ostream>
#include <string>
#include <vector>

#include "registry/authoring.h"
#include "registry/registry.h"

namespace ks::ops {

using RegistryEntry = app::Registry;  // protocol, uri, version, commit
using registry::AddRequest;
using registry::RegistryRow;
using registry::SetRequest;

// Fetches the registry (`log`: progress, warnings) and records it. Throws ks::Error, writing
// nothing, for a bad name, a name in use or a registry that cannot be fetched.
RegistryEntry registry_add(const std::string& dir, const AddRequest& request, std::ostream& log);

std::vector<RegistryRow> registry_list(const std::string& dir);

struct RegistryDescription {
  std::string name;
  RegistryEntry entry;
  std::vector<std::string> packages;  // sorted
};

RegistryDescription registry_describe(const std::string& dir, const std::string& name,
                                      std::ostream& log);

// Fetches again at the new URI or version.
RegistryEntry registry_set(const std::string& dir, const SetRequest& request, std::ostream& log);

// Refused while packages of it are installed.
void registry_rm(const std::string& dir, const std::string& name);

// A new registry folder with its registry.yaml.
void registry_init(const std::string& registry_dir);

}  // namespace ks::ops
