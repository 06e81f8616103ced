#pragma once
// Field paths and field sets as structured-merge-diff defines them, with the FieldsV1 wire
// encoding used in metadata.managedFields (`f:name`, `k:{...}`, `v:...`, `i:n`, `.`).
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace kta {

using nlohmann::json;

struct PathElement {
  // Declaration order is the sort order of FieldsV1 children: fields < keys < values < indexes.
  enum class Type { Field, Key, Value, Index };
  Type type = Type::Field;
  std::string text;  // field name, compact JSON of the key object / value, or the index
  json value;        // Key: object of key fields; Value: the set member
  int index = 0;

  static PathElement field(std::string name);
  static PathElement key(json key_fields);
  static PathElement member(json value);
  static PathElement at(int index);

  std::string encode() const;  // FieldsV1 key, e.g. `f:data`
  static PathElement decode(const std::string& encoded);
  std::string to_string() const;  // as in conflict messages: `.image`, `[name="c"]`, `[="x"]`
};

bool operator<(const PathElement& a, const PathElement& b);
bool operator==(const PathElement& a, const PathElement& b);

using Path = std::vector<PathElement>;
using FieldSet = std::set<Path>;

Path make_path(std::initializer_list<std::string> fields);
std::string path_string(const Path& path);  // `.spec.containers[name="c"].image`
bool has_prefix(const Path& path, const Path& prefix);

FieldSet set_union(const FieldSet& a, const FieldSet& b);
FieldSet set_difference(const FieldSet& a, const FieldSet& b);
FieldSet set_intersection(const FieldSet& a, const FieldSet& b);

json encode_fields_v1(const FieldSet& set);
FieldSet decode_fields_v1(const json& fields);  // throws ks::Error on malformed input

}  // namespace kta
