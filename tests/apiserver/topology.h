#pragma once
// How server-side apply treats each list: atomic (replaced whole), associative by key fields
// (`x-kubernetes-list-type: map`, or patchMergeKey for built-ins) or a set of scalars.
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "fieldpath.h"

namespace kta {

struct ListType {
  enum class Kind { Atomic, Map, Set };
  Kind kind = Kind::Atomic;
  std::vector<std::string> keys;             // Map: key field names
  std::map<std::string, json> key_defaults;  // Map: value used when an item omits a key field
};

// Answers the list type of the list found at `list_path` (a path of fields and list items).
using ListTypeFn = std::function<ListType(const Path& list_path)>;

// Built-in kinds: the merge keys kube declares for pod templates, services and metadata.
ListType builtin_list_type(const std::string& kind, const Path& list_path);

// Custom resources: `x-kubernetes-list-type` / `x-kubernetes-list-map-keys` from the CRD's
// openAPIV3Schema (`schema` may be null: every list is atomic), plus the metadata rules.
ListType schema_list_type(const json& schema, const Path& list_path);

// Maps replaced as a whole by apply (`x-kubernetes-map-type: atomic`; LabelSelector for built-ins).
using AtomicMapFn = std::function<bool(const Path& map_path)>;
bool builtin_atomic_map(const std::string& kind, const Path& map_path);
bool schema_atomic_map(const json& schema, const Path& map_path);

// The key of a map-list item, with defaults filled in; null when a key field is missing.
json list_item_key(const ListType& type, const json& item);

}  // namespace kta
