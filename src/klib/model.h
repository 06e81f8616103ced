#pragma once
// The types of an OpenAPI v2 document as ksonnet-lib lays them out: group key → version → type,
// each type with its fields classified by how a setter treats them.
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace ks::klib {

enum class FieldKind {
  Scalar,  // withX
  Array,   // withX / withXMixin, a single value becomes a one-element array
  Map,     // withX / withXMixin (an object without a schema of its own)
  Object,  // withX / withXMixin and a nested mixin object
};

struct Field {
  std::string name;  // the JSON property
  FieldKind kind = FieldKind::Scalar;
  std::string type_id;  // Object: its type; Array: the item type when it is an object type
};

struct Type {
  std::string id;             // definition name, or parent id + "/" + property for inline schemas
  std::string group;          // group key: "core", "apps", "rbac", ...
  std::string version;        // "v1", "v1beta1", ...
  std::string name;           // lowerCamel, unique within its group/version
  bool exposed = true;        // false for inline object schemas (only reachable through mixins)
  std::string api_version;    // set for kinds: "apps/v1"
  std::string kind;           // set for kinds: "Deployment"
  std::string description;    // first sentence
  std::vector<Field> fields;  // sorted by name
};

struct Model {
  std::map<std::string, Type> types;  // by id
  // (group key, version) → ids of its types, sorted by name
  std::map<std::pair<std::string, std::string>, std::vector<std::string>> group_versions;

  const Type* find(const std::string& id) const;
};

// `openapi`: the whole document (definitions, and paths for kinds whose definitions lack a gvk).
Model build_model(const nlohmann::json& openapi);

// "k8s.apps.v1.libsonnet"
std::string file_name(const std::string& group, const std::string& version);

// Identifier helpers shared by the emitter.
std::string lower_camel(const std::string& name);  // "APIService" → "apiService"
std::string upper_camel(const std::string& name);  // "$ref" → "Ref", "x-a-b" → "XAB"
bool is_identifier(const std::string& s);          // a jsonnet identifier, not a keyword
std::string quote(const std::string& s);           // a jsonnet single-quoted string

}  // namespace ks::klib
