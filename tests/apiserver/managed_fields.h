#pragma once
// metadata.managedFields entries: who owns which fields, and how they are ordered on the wire.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "fieldpath.h"

namespace kta {

struct ManagerEntry {
  std::string manager;
  std::string operation;  // "Apply" or "Update"
  std::string api_version;
  std::string time;
  std::string subresource;
  FieldSet fields;

  // Apply managers are identified by name; Update managers also by the apiVersion they used.
  bool same_identity(const ManagerEntry& other) const;
  // As printed in conflicts: `"name"` or `"name" using v1`.
  std::string describe() const;
};

using Managers = std::vector<ManagerEntry>;

Managers decode_managed_fields(const json& entries);  // throws ks::Error when malformed
json encode_managed_fields(Managers managers);        // sorted as kube sorts them

}  // namespace kta
