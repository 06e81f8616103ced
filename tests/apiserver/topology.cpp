#include "topology.h"

namespace kta {

namespace {

ListType map_list(std::vector<std::string> keys, std::map<std::string, json> defaults = {}) {
  ListType t;
  t.kind = ListType::Kind::Map;
  t.keys = std::move(keys);
  t.key_defaults = std::move(defaults);
  return t;
}

ListType set_list() {
  ListType t;
  t.kind = ListType::Kind::Set;
  return t;
}

bool is_field(const PathElement& e, const char* name) {
  return e.type == PathElement::Type::Field && e.text == name;
}

// metadata.ownerReferences and metadata.finalizers are the same for every kind.
bool metadata_list_type(const Path& p, ListType& out) {
  if (p.size() != 2 || !is_field(p[0], "metadata")) return false;
  if (is_field(p[1], "ownerReferences")) {
    out = map_list({"uid"});
    return true;
  }
  if (is_field(p[1], "finalizers")) {
    out = set_list();
    return true;
  }
  return false;
}

}  // namespace

ListType builtin_list_type(const std::string& kind, const Path& p) {
  ListType out;
  if (p.empty() || p.back().type != PathElement::Type::Field) return out;
  if (metadata_list_type(p, out)) return out;
  const std::string& name = p.back().text;
  bool in_list_item = p.size() >= 2 && p[p.size() - 2].type == PathElement::Type::Key;
  if (name == "containers" || name == "initContainers" || name == "ephemeralContainers" ||
      name == "volumes" || name == "imagePullSecrets") {
    return map_list({"name"});
  }
  if (in_list_item) {
    if (name == "env") return map_list({"name"});
    if (name == "volumeMounts") return map_list({"mountPath"});
    if (name == "volumeDevices") return map_list({"devicePath"});
    if (name == "ports") return map_list({"containerPort", "protocol"}, {{"protocol", "TCP"}});
  }
  if (kind == "Service" && p.size() == 2 && is_field(p[0], "spec") && name == "ports") {
    return map_list({"port", "protocol"}, {{"protocol", "TCP"}});
  }
  if (name == "hostAliases") return map_list({"ip"});
  if (name == "topologySpreadConstraints") return map_list({"topologyKey", "whenUnsatisfiable"});
  return out;
}

namespace {

// The schema node describing the value at `p`, or null.
const json* schema_node(const json& schema, const Path& p) {
  const json* node = &schema;
  for (const auto& e : p) {
    if (!node->is_object()) return nullptr;
    const json* next = nullptr;
    if (e.type == PathElement::Type::Field) {
      auto props = node->find("properties");
      if (props != node->end() && props->contains(e.text)) {
        next = &(*props)[e.text];
      } else {
        auto extra = node->find("additionalProperties");
        if (extra != node->end() && extra->is_object()) next = &*extra;
      }
    } else {
      auto items = node->find("items");
      if (items != node->end()) next = &*items;
    }
    if (!next) return nullptr;
    node = next;
  }
  return node->is_object() ? node : nullptr;
}

}  // namespace

bool builtin_atomic_map(const std::string& kind, const Path& p) {
  if (p.empty() || p.back().type != PathElement::Type::Field) return false;
  const std::string& name = p.back().text;
  if (name == "podSelector" || name == "namespaceSelector" || name == "labelSelector") return true;
  return name == "selector" && kind != "Service" && kind != "ReplicationController";
}

bool schema_atomic_map(const json& schema, const Path& p) {
  const json* node = schema_node(schema, p);
  return node && node->value("x-kubernetes-map-type", "") == "atomic";
}

ListType schema_list_type(const json& schema, const Path& p) {
  ListType out;
  if (metadata_list_type(p, out)) return out;
  const json* node = schema_node(schema, p);
  if (!node) return out;
  std::string type = node->value("x-kubernetes-list-type", "atomic");
  if (type == "set") return set_list();
  if (type == "map") {
    std::vector<std::string> keys;
    for (const auto& k : node->value("x-kubernetes-list-map-keys", json::array())) {
      if (k.is_string()) keys.push_back(k.get<std::string>());
    }
    std::map<std::string, json> defaults;
    auto items = node->find("items");
    if (items != node->end() && items->contains("properties")) {
      for (const auto& k : keys) {
        const auto& props = (*items)["properties"];
        if (props.contains(k) && props[k].contains("default")) defaults[k] = props[k]["default"];
      }
    }
    if (!keys.empty()) return map_list(keys, defaults);
  }
  return out;
}

json list_item_key(const ListType& type, const json& item) {
  if (!item.is_object()) return nullptr;
  json key = json::object();
  for (const auto& k : type.keys) {
    auto it = item.find(k);
    if (it != item.end() && !it->is_null()) {
      key[k] = *it;
    } else if (auto d = type.key_defaults.find(k); d != type.key_defaults.end()) {
      key[k] = d->second;
    } else {
      return nullptr;
    }
  }
  return key;
}

}  // namespace kta
