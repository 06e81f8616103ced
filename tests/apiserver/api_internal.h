#pragma once
// Helpers shared by the Api's read and write halves.
#include <string>

#include <nlohmann/json.hpp>

#include "api.h"
#include "resource_table.h"

namespace kta {

struct Api::Target {
  ResourceType type;
  ApiPath path;
  const std::string& ns() const { return path.ns; }
  const std::string& name() const { return path.name; }
  const std::string& key() const { return storage_key; }
  std::string storage_key;
};

std::string rfc3339_now();
std::string new_uid();
std::string random_suffix(size_t n);
// The object as served through `t`'s version (all versions share storage).
json served(const ResourceType& t, json object);
std::string query_value(const Call& call, const std::string& key);

}  // namespace kta
