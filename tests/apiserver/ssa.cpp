#include "ssa.h"

#include <algorithm>
#include <map>

namespace kta {

namespace {

using Type = PathElement::Type;

// Paths kube never records in managedFields (apimachinery internal/stripmeta.go).
const FieldSet& stripped_paths() {
  static const FieldSet paths = [] {
    FieldSet s = {make_path({"apiVersion"}), make_path({"kind"}), make_path({"metadata"})};
    for (const char* f :
         {"name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp",
          "managedFields", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds"}) {
      s.insert(make_path({"metadata", f}));
    }
    return s;
  }();
  return paths;
}

FieldSet strip(FieldSet set, const Schema& schema) {
  for (auto it = set.begin(); it != set.end();) {
    bool drop = stripped_paths().count(*it) > 0 ||
                has_prefix(*it, make_path({"metadata", "managedFields"}));
    for (const auto& ignored : schema.ignored) drop = drop || has_prefix(*it, ignored);
    it = drop ? set.erase(it) : std::next(it);
  }
  return set;
}

// The list type to use for `list`: a map list whose items lack their keys is treated as atomic.
ListType effective_list_type(const json& list, const Path& path, const Schema& schema) {
  ListType t = schema.list_type(path);
  if (t.kind == ListType::Kind::Map) {
    for (const auto& item : list) {
      if (list_item_key(t, item).is_null()) return ListType{};
    }
  }
  return t;
}

bool atomic_map(const Path& path, const Schema& schema) {
  return schema.atomic_map && !path.empty() && schema.atomic_map(path);
}

PathElement item_element(const ListType& t, const json& item) {
  return t.kind == ListType::Kind::Map ? PathElement::key(list_item_key(t, item))
                                       : PathElement::member(item);
}

void collect_applied(const json& value, Path& path, const Schema& schema, FieldSet& out);

void collect_applied_list(const json& list, Path& path, const Schema& schema, FieldSet& out) {
  ListType t = effective_list_type(list, path, schema);
  if (t.kind == ListType::Kind::Atomic) {
    out.insert(path);
    return;
  }
  for (const auto& item : list) {
    path.push_back(item_element(t, item));
    out.insert(path);
    if (t.kind == ListType::Kind::Map) collect_applied(item, path, schema, out);
    path.pop_back();
  }
}

void collect_applied(const json& value, Path& path, const Schema& schema, FieldSet& out) {
  for (const auto& [k, child] : value.items()) {
    path.push_back(PathElement::field(k));
    if (child.is_null() || (child.is_object() && (child.empty() || atomic_map(path, schema)))) {
      out.insert(path);
    } else if (child.is_object()) {
      collect_applied(child, path, schema, out);
    } else if (child.is_array()) {
      collect_applied_list(child, path, schema, out);
    } else {
      out.insert(path);
    }
    path.pop_back();
  }
}

json merge_value(const json& live, const json& config, Path& path, const Schema& schema);

json merge_list(const json& live, const json& config, Path& path, const Schema& schema) {
  ListType lt = effective_list_type(live, path, schema);
  ListType ct = effective_list_type(config, path, schema);
  if (lt.kind == ListType::Kind::Atomic || ct.kind == ListType::Kind::Atomic) return config;
  std::map<PathElement, const json*> from_config;
  for (const auto& item : config) from_config.emplace(item_element(ct, item), &item);
  json out = json::array();
  std::set<PathElement> seen;
  for (const auto& item : live) {
    PathElement e = item_element(lt, item);
    seen.insert(e);
    auto it = from_config.find(e);
    if (it == from_config.end()) {
      out.push_back(item);
    } else {
      path.push_back(e);
      out.push_back(ct.kind == ListType::Kind::Map ? merge_value(item, *it->second, path, schema)
                                                   : *it->second);
      path.pop_back();
    }
  }
  for (const auto& item : config) {
    if (seen.insert(item_element(ct, item)).second) out.push_back(item);
  }
  return out;
}

json merge_value(const json& live, const json& config, Path& path, const Schema& schema) {
  if (live.is_object() && config.is_object() && !atomic_map(path, schema)) {
    json out = live;
    for (const auto& [k, v] : config.items()) {
      if (v.is_null()) {
        out.erase(k);
        continue;
      }
      auto it = live.find(k);
      if (it == live.end()) {
        out[k] = v;
      } else {
        path.push_back(PathElement::field(k));
        out[k] = merge_value(*it, v, path, schema);
        path.pop_back();
      }
    }
    return out;
  }
  if (live.is_array() && config.is_array()) return merge_list(live, config, path, schema);
  return config;
}

struct Node {
  const json* value;
  bool container;  // object or non-atomic list: compared through its children
};

void collect_nodes(const json& value, Path& path, const Schema& schema, std::map<Path, Node>& out) {
  if (value.is_object()) {
    for (const auto& [k, child] : value.items()) {
      path.push_back(PathElement::field(k));
      bool container = child.is_object() && !atomic_map(path, schema);
      if (child.is_array()) {
        container = effective_list_type(child, path, schema).kind != ListType::Kind::Atomic;
      }
      out[path] = Node{&child, container};
      if (container) collect_nodes(child, path, schema, out);
      path.pop_back();
    }
  } else if (value.is_array()) {
    ListType t = effective_list_type(value, path, schema);
    for (const auto& item : value) {
      path.push_back(item_element(t, item));
      bool container = t.kind == ListType::Kind::Map && item.is_object();
      out[path] = Node{&item, container};
      if (container) collect_nodes(item, path, schema, out);
      path.pop_back();
    }
  }
}

// Removes the node at `path`; returns false when it is not there.
bool remove_node(json& root, const Path& path, const Schema& schema) {
  json* node = &root;
  Path prefix;
  for (size_t i = 0; i < path.size(); ++i) {
    const auto& e = path[i];
    bool last = i + 1 == path.size();
    if (e.type == Type::Field) {
      if (!node->is_object() || !node->contains(e.text)) return false;
      if (last) {
        node->erase(e.text);
        return true;
      }
      node = &(*node)[e.text];
    } else if (e.type == Type::Key || e.type == Type::Value) {
      if (!node->is_array()) return false;
      ListType t = effective_list_type(*node, prefix, schema);
      auto it = std::find_if(node->begin(), node->end(),
                             [&](const json& item) { return item_element(t, item) == e; });
      if (it == node->end()) return false;
      if (last) {
        node->erase(it);
        return true;
      }
      node = &*it;
    } else {
      return false;
    }
    prefix.push_back(e);
  }
  return false;
}

const json* find_node(const json& root, const Path& path, const Schema& schema) {
  std::map<Path, Node> nodes;
  Path p;
  collect_nodes(root, p, schema, nodes);
  auto it = nodes.find(path);
  return it == nodes.end() ? nullptr : it->second.value;
}

bool owned_below(const FieldSet& owned, const Path& path) {
  for (auto it = owned.lower_bound(path); it != owned.end() && has_prefix(*it, path); ++it) {
    if (it->size() > path.size()) return true;
  }
  return false;
}

// A key field of a map-list item (`name` in `containers[name="c"]`): it goes with its item.
bool is_item_key_field(const Path& path) {
  if (path.size() < 2 || path.back().type != Type::Field) return false;
  const PathElement& parent = path[path.size() - 2];
  return parent.type == Type::Key && parent.value.contains(path.back().text);
}

// Drops fields the applier stopped applying and nobody else owns, then parents left empty.
// Shallow paths first: removing an item or map removes everything below it.
void prune(json& object, const FieldSet& to_remove, const FieldSet& owned, const Schema& schema) {
  std::vector<Path> removed;
  for (const auto& path : to_remove) {
    bool below_removed = std::any_of(removed.begin(), removed.end(),
                                     [&](const Path& r) { return has_prefix(path, r); });
    if (below_removed || owned_below(owned, path) || is_item_key_field(path)) continue;
    if (!remove_node(object, path, schema)) continue;
    removed.push_back(path);
    Path parent = path;
    parent.pop_back();
    while (parent.size() > 1 && !owned.count(parent)) {
      const json* node = find_node(object, parent, schema);
      if (!node || !(node->is_object() || node->is_array()) || !node->empty()) break;
      remove_node(object, parent, schema);
      parent.pop_back();
    }
  }
}

ManagerEntry* find_manager(Managers& managers, const ManagerEntry& who) {
  for (auto& m : managers) {
    if (m.same_identity(who)) return &m;
  }
  return nullptr;
}

void drop_empty(Managers& managers) {
  managers.erase(std::remove_if(managers.begin(), managers.end(),
                                [](const ManagerEntry& m) { return m.fields.empty(); }),
                 managers.end());
}

}  // namespace

FieldSet applied_fields(const json& config, const Schema& schema) {
  FieldSet out;
  Path path;
  if (config.is_object()) collect_applied(config, path, schema, out);
  return strip(std::move(out), schema);
}

json merge_objects(const json& live, const json& config, const Schema& schema) {
  Path path;
  return merge_value(live, config, path, schema);
}

Comparison compare_objects(const json& before, const json& after, const Schema& schema) {
  std::map<Path, Node> a, b;
  Path path;
  collect_nodes(before, path, schema, a);
  collect_nodes(after, path, schema, b);
  Comparison c;
  for (const auto& [p, node] : a) {
    auto it = b.find(p);
    if (it == b.end()) {
      c.removed.insert(p);
    } else if (!(node.container && it->second.container &&
                 node.value->type() == it->second.value->type()) &&
               *node.value != *it->second.value) {
      c.modified.insert(p);
    }
  }
  for (const auto& [p, node] : b) {
    if (!a.count(p)) c.added.insert(p);
  }
  c.added = strip(std::move(c.added), schema);
  c.removed = strip(std::move(c.removed), schema);
  c.modified = strip(std::move(c.modified), schema);
  return c;
}

std::string conflict_message(const std::vector<Conflict>& conflicts) {
  if (conflicts.size() == 1) {
    return "Apply failed with 1 conflict: conflict with " + conflicts[0].manager + ": " +
           path_string(conflicts[0].path);
  }
  std::map<std::string, std::vector<std::string>> by_manager;
  for (const auto& c : conflicts) by_manager[c.manager].push_back(path_string(c.path));
  std::string out = "Apply failed with " + std::to_string(conflicts.size()) + " conflicts: ";
  bool first = true;
  for (const auto& [manager, paths] : by_manager) {
    if (!first) out += "\n";
    first = false;
    out += "conflicts with " + manager + ":";
    for (const auto& p : paths) out += "\n- " + p;
  }
  return out;
}

WriteResult server_side_apply(const json& live, const Managers& managers, const json& config,
                              const WriteRequest& request, const Schema& schema) {
  ManagerEntry self;
  self.manager = request.manager;
  self.operation = "Apply";
  self.api_version = request.api_version;
  self.fields = applied_fields(config, schema);

  WriteResult result;
  result.managers = managers;
  FieldSet previous;
  std::string previous_time;
  std::string previous_version;
  bool existed = false;
  for (auto it = result.managers.begin(); it != result.managers.end(); ++it) {
    if (it->same_identity(self)) {
      previous = it->fields;
      previous_time = it->time;
      previous_version = it->api_version;
      existed = true;
      result.managers.erase(it);
      break;
    }
  }

  FieldSet owned = self.fields;
  for (const auto& m : result.managers) owned.insert(m.fields.begin(), m.fields.end());
  result.object = merge_objects(live, config, schema);
  prune(result.object, set_difference(previous, owned), owned, schema);

  Comparison cmp = compare_objects(live, result.object, schema);
  FieldSet changed = set_union(cmp.modified, cmp.added);
  for (const auto& m : result.managers) {
    for (const auto& p : set_intersection(m.fields, changed)) {
      result.conflicts.push_back({m.describe(), p});
    }
  }
  if (!result.conflicts.empty() && !request.force) {
    std::stable_sort(result.conflicts.begin(), result.conflicts.end(),
                     [](const Conflict& a, const Conflict& b) { return a.manager < b.manager; });
    return result;
  }
  result.conflicts.clear();
  for (auto& m : result.managers) {
    m.fields = set_difference(set_difference(m.fields, changed), cmp.removed);
  }
  drop_empty(result.managers);

  bool unchanged = result.object == live && existed && previous == self.fields &&
                   previous_version == self.api_version;
  self.time = unchanged ? previous_time : request.now;
  if (!self.fields.empty()) result.managers.push_back(std::move(self));
  return result;
}

WriteResult record_update(const json& live, const json& updated, const Managers& managers,
                          const WriteRequest& request, const Schema& schema) {
  WriteResult result;
  result.object = updated;
  result.managers = managers;
  Comparison cmp = compare_objects(live, updated, schema);
  FieldSet changed = set_union(cmp.modified, cmp.added);
  if (changed.empty() && cmp.removed.empty()) return result;

  ManagerEntry self;
  self.manager = request.manager;
  self.operation = "Update";
  self.api_version = request.api_version;
  self.time = request.now;
  for (auto& m : result.managers) {
    if (m.same_identity(self)) continue;
    m.fields = set_difference(set_difference(m.fields, changed), cmp.removed);
  }
  if (ManagerEntry* existing = find_manager(result.managers, self)) {
    existing->fields = set_union(set_difference(existing->fields, cmp.removed), changed);
    existing->time = request.now;
  } else {
    self.fields = changed;
    result.managers.push_back(std::move(self));
  }
  drop_empty(result.managers);
  return result;
}

}  // namespace kta
