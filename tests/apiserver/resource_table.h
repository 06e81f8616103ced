#pragma once
// The kinds the server knows: the built-in table plus the kinds of established CRDs.
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ssa.h"

namespace kta {

enum class NameRule { Subdomain, Label, Dns1035, PathSegment };

struct ResourceType {
  std::string group;
  std::string version;
  std::string kind;
  std::string plural;
  std::string singular;
  std::vector<std::string> short_names;
  std::vector<std::string> categories;
  bool namespaced = true;
  bool has_status = false;      // status subresource: writes to the main resource keep status
  bool has_generation = false;  // metadata.generation bumped when the spec changes
  NameRule name_rule = NameRule::Subdomain;
  nlohmann::json schema;  // CRD openAPIV3Schema; null for built-ins
  std::string crd_name;   // empty for built-ins

  std::string group_version() const { return group.empty() ? version : group + "/" + version; }
  // Objects of every version of one resource share storage.
  std::string storage_key() const { return group + "/" + plural; }
  Schema ssa_schema() const;
};

class ResourceTable {
 public:
  ResourceTable();

  const ResourceType* find(const std::string& group, const std::string& version,
                           const std::string& plural) const;
  const ResourceType* find_kind(const std::string& group, const std::string& version,
                                const std::string& kind) const;
  bool has_group_version(const std::string& group, const std::string& version) const;
  std::vector<const ResourceType*> all() const;
  // Group names in discovery order (core "" first), each with its versions (preferred first).
  std::vector<std::pair<std::string, std::vector<std::string>>> groups() const;

  void set_custom(const std::string& crd_name, std::vector<ResourceType> types);
  void remove_custom(const std::string& crd_name);

 private:
  std::vector<ResourceType> builtins_;
  std::map<std::string, std::vector<ResourceType>> custom_;
};

}  // namespace kta
