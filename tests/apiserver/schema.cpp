#include "schema.h"

#include <map>
#include <memory>

#include "base/strings.h"

namespace kta {

namespace {

using nlohmann::json;

enum class Type { Any, String, Integer, Boolean, Struct, Map, Array };

struct Field {
  Type type = Type::Any;
  std::shared_ptr<std::map<std::string, Field>> fields;  // Struct
  std::shared_ptr<Field> items;                          // Map values, Array items
};

using Fields = std::map<std::string, Field>;

Field scalar(Type t) {
  return {t, nullptr, nullptr};
}
Field any() {
  return scalar(Type::Any);
}
Field str() {
  return scalar(Type::String);
}
Field integer() {
  return scalar(Type::Integer);
}
Field boolean() {
  return scalar(Type::Boolean);
}
Field strct(Fields f) {
  return {Type::Struct, std::make_shared<Fields>(std::move(f)), nullptr};
}
Field map_of(Field v) {
  return {Type::Map, nullptr, std::make_shared<Field>(std::move(v))};
}
Field array_of(Field v) {
  return {Type::Array, nullptr, std::make_shared<Field>(std::move(v))};
}

Field object_meta() {
  return strct({{"name", str()},
                {"generateName", str()},
                {"namespace", str()},
                {"selfLink", str()},
                {"uid", str()},
                {"resourceVersion", str()},
                {"generation", integer()},
                {"creationTimestamp", any()},
                {"deletionTimestamp", any()},
                {"deletionGracePeriodSeconds", integer()},
                {"labels", map_of(str())},
                {"annotations", map_of(str())},
                {"ownerReferences", array_of(any())},
                {"finalizers", array_of(str())},
                {"managedFields", array_of(any())}});
}

Field top(Fields f) {
  f["apiVersion"] = str();
  f["kind"] = str();
  f["metadata"] = object_meta();
  return strct(std::move(f));
}

const std::map<std::string, Field>& schemas() {
  static const std::map<std::string, Field> table = {
      {"ConfigMap",
       top({{"data", map_of(str())}, {"binaryData", map_of(str())}, {"immutable", boolean()}})},
      {"Secret", top({{"data", map_of(str())},
                      {"stringData", map_of(str())},
                      {"type", str()},
                      {"immutable", boolean()}})},
      {"Namespace", top({{"spec", strct({{"finalizers", array_of(str())}})}, {"status", any()}})},
      {"ServiceAccount", top({{"secrets", array_of(any())},
                              {"imagePullSecrets", array_of(any())},
                              {"automountServiceAccountToken", boolean()}})},
      {"Service", top({{"spec", strct({{"ports", array_of(any())},
                                       {"selector", map_of(str())},
                                       {"clusterIP", str()},
                                       {"clusterIPs", array_of(str())},
                                       {"type", str()},
                                       {"externalIPs", array_of(str())},
                                       {"sessionAffinity", str()},
                                       {"loadBalancerIP", str()},
                                       {"loadBalancerSourceRanges", array_of(str())},
                                       {"externalName", str()},
                                       {"externalTrafficPolicy", str()},
                                       {"healthCheckNodePort", integer()},
                                       {"publishNotReadyAddresses", boolean()},
                                       {"sessionAffinityConfig", any()},
                                       {"ipFamilies", array_of(str())},
                                       {"ipFamilyPolicy", str()},
                                       {"allocateLoadBalancerNodePorts", boolean()},
                                       {"loadBalancerClass", str()},
                                       {"internalTrafficPolicy", str()},
                                       {"trafficDistribution", str()}})},
                       {"status", any()}})},
      {"apps/Deployment", top({{"spec", strct({{"replicas", integer()},
                                               {"selector", any()},
                                               {"template", any()},
                                               {"strategy", any()},
                                               {"minReadySeconds", integer()},
                                               {"revisionHistoryLimit", integer()},
                                               {"paused", boolean()},
                                               {"progressDeadlineSeconds", integer()}})},
                               {"status", any()}})},
  };
  return table;
}

std::string type_name(const json& v) {
  if (v.is_string()) return "string";
  if (v.is_boolean()) return "boolean";
  if (v.is_number_integer() || v.is_number_unsigned()) return "integer";
  if (v.is_number()) return "number";
  if (v.is_array()) return "array";
  if (v.is_object()) return "object";
  return "null";
}

std::string expected_name(Type t) {
  switch (t) {
    case Type::String:
      return "string";
    case Type::Integer:
      return "integer";
    case Type::Boolean:
      return "boolean";
    case Type::Struct:
    case Type::Map:
      return "object";
    case Type::Array:
      return "array";
    case Type::Any:
      break;
  }
  return "any";
}

bool fits(Type t, const json& v) {
  if (v.is_null()) return true;  // null means "unset" for every field
  switch (t) {
    case Type::Any:
      return true;
    case Type::String:
      return v.is_string();
    case Type::Integer:
      return v.is_number_integer() || v.is_number_unsigned();
    case Type::Boolean:
      return v.is_boolean();
    case Type::Struct:
    case Type::Map:
      return v.is_object();
    case Type::Array:
      return v.is_array();
  }
  return true;
}

std::string go_value_name(const json& v) {
  if (v.is_boolean()) return "bool";
  if (v.is_number()) return "number";
  return type_name(v);
}

std::string go_type_name(Type t) {
  switch (t) {
    case Type::Integer:
      return "int32";  // most integer fields of the kinds described here
    case Type::Boolean:
      return "bool";
    case Type::Map:
      return "map[string]string";
    default:
      return expected_name(t);
  }
}

std::string smd_type_name(Type t) {
  switch (t) {
    case Type::Integer:
      return "numeric (int or float)";
    case Type::Struct:
    case Type::Map:
      return "map";
    case Type::Array:
      return "list";
    default:
      return expected_name(t);
  }
}

std::string join_path(const std::string& base, const std::string& key) {
  return base.empty() ? key : base + "." + key;
}

void check(const Field& f, const json& v, const std::string& path, const std::string& go_path,
           std::vector<FieldProblem>& out) {
  if (!fits(f.type, v)) {
    out.push_back({false, path, expected_name(f.type), type_name(v), go_path, go_value_name(v),
                   go_type_name(f.type), smd_type_name(f.type)});
    return;
  }
  if (v.is_null()) return;
  if (f.type == Type::Struct) {
    for (auto it = v.begin(); it != v.end(); ++it) {
      std::string field_path = join_path(path, it.key());
      std::string field_go_path = join_path(go_path, it.key());
      auto known = f.fields->find(it.key());
      if (known == f.fields->end())
        out.push_back({true, field_path, "", "", field_go_path, "", "", ""});
      else
        check(known->second, it.value(), field_path, field_go_path, out);
    }
  } else if (f.type == Type::Map) {
    for (auto it = v.begin(); it != v.end(); ++it)
      check(*f.items, it.value(), join_path(path, it.key()), go_path, out);
  } else if (f.type == Type::Array) {
    for (size_t i = 0; i < v.size(); ++i)
      check(*f.items, v[i], path + "[" + std::to_string(i) + "]", go_path, out);
  }
}

}  // namespace

std::vector<FieldProblem> schema_problems(const std::string& group, const std::string& kind,
                                          const json& object) {
  std::vector<FieldProblem> out;
  auto it = schemas().find(group.empty() ? kind : group + "/" + kind);
  if (it == schemas().end() || !object.is_object()) return out;
  check(it->second, object, "", "", out);
  return out;
}

void drop_unknown_fields(json& object, const std::vector<FieldProblem>& problems) {
  for (const FieldProblem& p : problems) {
    if (!p.unknown || p.path.find('[') != std::string::npos) continue;
    std::vector<std::string> parts = ks::str::split(p.path, '.');
    json* at = &object;
    for (size_t i = 0; at && i + 1 < parts.size(); ++i) {
      auto next = at->find(parts[i]);
      at = next != at->end() && next->is_object() ? &*next : nullptr;
    }
    if (at) at->erase(parts.back());
  }
}

}  // namespace kta
