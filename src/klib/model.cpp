#include "klib/model.h"

#include <algorithm>
#include <cctype>
#include <regex>
#include <set>
#include <tuple>

#include "base/strings.h"

namespace ks::klib {

using nlohmann::json;

namespace {

const std::set<std::string>& keywords() {
  static const std::set<std::string> k = {"assert",     "else",  "error",  "false",     "for",
                                          "function",   "if",    "import", "importstr", "importbin",
                                          "in",         "local", "null",   "self",      "super",
                                          "tailstrict", "then",  "true"};
  return k;
}

bool is_version(const std::string& s) {
  static const std::regex re("^v[0-9]+((alpha|beta)[0-9]+)?$");
  return std::regex_match(s, re);
}

std::string first_sentence(const json& schema) {
  if (!schema.contains("description") || !schema["description"].is_string()) return "";
  std::string d = schema["description"].get<std::string>();
  auto end = d.find(". ");
  if (end != std::string::npos) d = d.substr(0, end + 1);
  for (char& c : d)
    if (c == '\n' || c == '\r') c = ' ';
  if (d.size() > 160) d = d.substr(0, 157) + "...";
  return d;
}

bool has_properties(const json& schema) {
  return schema.is_object() && schema.contains("properties") && schema["properties"].is_object() &&
         !schema["properties"].empty();
}

std::string ref_target(const json& schema) {
  if (!schema.is_object() || !schema.contains("$ref") || !schema["$ref"].is_string()) return "";
  std::string r = schema["$ref"].get<std::string>();
  const std::string prefix = "#/definitions/";
  return str::starts_with(r, prefix) ? r.substr(prefix.size()) : "";
}

struct Gvk {
  std::string group, version, kind;
};

bool single_gvk(const json& def, Gvk& out) {
  if (!def.contains("x-kubernetes-group-version-kind")) return false;
  const json& g = def["x-kubernetes-group-version-kind"];
  if (!g.is_array() || g.size() != 1 || !g[0].is_object()) return false;
  out.group = g[0].value("group", "");
  out.version = g[0].value("version", "");
  out.kind = g[0].value("kind", "");
  return !out.version.empty() && !out.kind.empty();
}

// Group keys as ksonnet-lib named them: "" → core, else the first DNS label. When two groups
// share a label (a CRD group "apps.example.com" beside "apps"), the built-in one keeps it and
// the other is spelled out ("appsExampleCom").
std::map<std::string, std::string> group_keys(const std::set<std::string>& groups) {
  std::map<std::string, std::vector<std::string>> by_label;
  for (const auto& g : groups) {
    std::string label = g.empty() ? "core" : g.substr(0, g.find('.'));
    by_label[lower_camel(upper_camel(label))].push_back(g);  // "my-group" → "myGroup"
  }
  std::map<std::string, std::string> keys;
  for (auto& [label, members] : by_label) {
    std::string owner = members.front();
    for (const auto& m : members)
      if (m == label || m == label + ".k8s.io" || m.empty()) owner = m;  // built-in groups
    for (const auto& m : members) keys[m] = m == owner ? label : lower_camel(upper_camel(m));
  }
  return keys;
}

// (kind, version) → group, from the operations' x-kubernetes-group-version-kind: older servers
// (v1.10's CustomResourceDefinition, APIService) publish kinds whose definitions lack it.
std::map<std::pair<std::string, std::string>, std::string> path_kinds(const json& paths) {
  std::map<std::pair<std::string, std::string>, std::string> out;
  if (!paths.is_object()) return out;
  for (const auto& [path, item] : paths.items()) {
    if (!item.is_object()) continue;
    for (const auto& [verb, op] : item.items()) {
      if (!op.is_object() || !op.contains("x-kubernetes-group-version-kind")) continue;
      const json& g = op["x-kubernetes-group-version-kind"];
      if (g.is_object()) out[{g.value("kind", ""), g.value("version", "")}] = g.value("group", "");
    }
  }
  return out;
}

class Builder {
 public:
  Builder(const json& defs, const json& paths) : defs_(defs), path_kinds_(path_kinds(paths)) {}

  Model build() {
    locate_definitions();
    for (const auto& [id, loc] : located_) add_type(id, defs_[id], loc);
    prune();
    for (auto& [id, t] : model_.types) model_.group_versions[{t.group, t.version}].push_back(id);
    for (auto& [gv, ids] : model_.group_versions) {
      std::sort(ids.begin(), ids.end(), [&](const std::string& a, const std::string& b) {
        return model_.types[a].name < model_.types[b].name;
      });
    }
    return std::move(model_);
  }

 private:
  struct Location {
    std::string group, version, name, api_version, kind;
  };

  void locate_definitions() {
    std::set<std::string> groups;
    Gvk gvk;
    for (const auto& [id, def] : defs_.items())
      if (has_properties(def) && kind_of(id, def, gvk)) groups.insert(gvk.group);
    auto keys = group_keys(groups);
    // Definition prefixes ("io.k8s.api.apps.v1") of kinds, so their helper types join them.
    std::map<std::string, std::pair<std::string, std::string>> prefix_gv;
    std::map<std::string, Location> wanted;
    for (const auto& [id, def] : defs_.items()) {
      if (!has_properties(def) || !kind_of(id, def, gvk)) continue;
      Location l{keys[gvk.group], gvk.version, lower_camel(gvk.kind),
                 gvk.group.empty() ? gvk.version : gvk.group + "/" + gvk.version, gvk.kind};
      wanted[id] = l;
      auto dot = id.rfind('.');
      if (dot != std::string::npos)
        prefix_gv.emplace(id.substr(0, dot), std::make_pair(l.group, l.version));
    }
    for (const auto& [id, def] : defs_.items()) {
      if (!has_properties(def) || wanted.count(id)) continue;
      auto seg = str::split(id, '.');
      if (seg.size() < 3 || !is_version(seg[seg.size() - 2])) continue;
      std::string prefix = id.substr(0, id.rfind('.'));
      Location l{seg[seg.size() - 3], seg[seg.size() - 2], lower_camel(seg.back()), "", ""};
      if (auto it = prefix_gv.find(prefix); it != prefix_gv.end()) {
        l.group = it->second.first;
        l.version = it->second.second;
      } else {
        l.group = lower_camel(upper_camel(l.group));
      }
      wanted[id] = l;
    }
    // Kinds claim their names first; a later helper type with the same name is renamed.
    std::set<std::tuple<std::string, std::string, std::string>> taken;
    for (int pass = 0; pass < 2; ++pass) {
      for (auto& [id, l] : wanted) {
        if ((pass == 0) != !l.kind.empty()) continue;
        std::string name = l.name;
        for (int n = 2; taken.count({l.group, l.version, name}); ++n)
          name = l.name + std::to_string(n);
        l.name = name;
        taken.insert({l.group, l.version, name});
        located_[id] = l;
      }
    }
  }

  bool kind_of(const std::string& id, const json& def, Gvk& out) const {
    if (single_gvk(def, out)) return true;
    if (def.contains("x-kubernetes-group-version-kind"))
      return false;  // shared by many (DeleteOptions)
    const json& props = def["properties"];
    if (!props.contains("apiVersion") || !props.contains("kind") || !props.contains("metadata"))
      return false;
    auto seg = str::split(id, '.');
    if (seg.size() < 3 || !is_version(seg[seg.size() - 2])) return false;
    auto it = path_kinds_.find({seg.back(), seg[seg.size() - 2]});
    if (it == path_kinds_.end()) return false;
    out = {it->second, seg[seg.size() - 2], seg.back()};
    return true;
  }

  void add_type(const std::string& id, const json& schema, const Location& loc) {
    Type t;
    t.id = id;
    t.group = loc.group;
    t.version = loc.version;
    t.name = loc.name;
    t.api_version = loc.api_version;
    t.kind = loc.kind;
    t.description = first_sentence(schema);
    for (const auto& [prop, ps] : schema["properties"].items())
      t.fields.push_back(classify(t, prop, ps));
    std::sort(t.fields.begin(), t.fields.end(),
              [](const Field& a, const Field& b) { return a.name < b.name; });
    model_.types[id] = std::move(t);
  }

  // An inline object schema (CRDs) becomes a hidden type of its own, named after its path.
  std::string add_inline(const Type& parent, const std::string& suffix, const json& schema) {
    Location l{parent.group, parent.version, parent.name + "_" + lower_camel(upper_camel(suffix)),
               "", ""};
    std::string id = parent.id + "/" + suffix;
    add_type(id, schema, l);
    model_.types[id].exposed = false;
    return id;
  }

  Field classify(const Type& parent, const std::string& prop, const json& ps) {
    Field f;
    f.name = prop;
    std::string ref = ref_target(ps);
    if (!ref.empty()) {
      if (located_.count(ref)) {
        f.kind = FieldKind::Object;
        f.type_id = ref;
      } else if (defs_.contains(ref) && defs_[ref].value("type", "") == "object") {
        f.kind = FieldKind::Map;
      }
      return f;
    }
    std::string type = ps.is_object() ? ps.value("type", "") : "";
    if (type == "array") {
      f.kind = FieldKind::Array;
      const json items = ps.value("items", json::object());
      std::string item_ref = ref_target(items);
      if (located_.count(item_ref))
        f.type_id = item_ref;
      else if (has_properties(items))
        f.type_id = add_inline(parent, prop + "Item", items);
    } else if (type == "object" || has_properties(ps)) {
      if (has_properties(ps)) {
        f.kind = FieldKind::Object;
        f.type_id = add_inline(parent, prop, ps);
      } else {
        f.kind = FieldKind::Map;
      }
    }
    return f;
  }

  // What a component writes: kinds (not their *List wrappers) and the types their fields reach,
  // without the server-written `status`. Keeps the files, and so every import, small.
  void prune() {
    std::vector<std::string> todo;
    for (auto& [id, t] : model_.types) {
      if (t.kind.empty()) continue;
      std::erase_if(t.fields, [](const Field& f) { return f.name == "status"; });
      if (!str::ends_with(t.kind, "List")) todo.push_back(id);
    }
    std::set<std::string> keep(todo.begin(), todo.end());
    while (!todo.empty()) {
      std::string id = todo.back();
      todo.pop_back();
      for (const auto& f : model_.types[id].fields) {
        if (!f.type_id.empty() && model_.types.count(f.type_id) && keep.insert(f.type_id).second) {
          todo.push_back(f.type_id);
        }
      }
    }
    std::erase_if(model_.types, [&](const auto& entry) { return !keep.count(entry.first); });
  }

  const json& defs_;
  std::map<std::pair<std::string, std::string>, std::string> path_kinds_;
  std::map<std::string, Location> located_;
  Model model_;
};

}  // namespace

const Type* Model::find(const std::string& id) const {
  auto it = types.find(id);
  return it == types.end() ? nullptr : &it->second;
}

Model build_model(const json& openapi) {
  return Builder(openapi["definitions"], openapi.value("paths", json::object())).build();
}

std::string file_name(const std::string& group, const std::string& version) {
  return "k8s." + group + "." + version + ".libsonnet";
}

std::string lower_camel(const std::string& name) {
  size_t run = 0;
  while (run < name.size() && std::isupper(static_cast<unsigned char>(name[run]))) ++run;
  std::string out = name;
  size_t lower = run;
  if (run > 1 && run < name.size() && std::islower(static_cast<unsigned char>(name[run])))
    lower = run - 1;
  for (size_t i = 0; i < lower; ++i)
    out[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(out[i])));
  return out;
}

std::string upper_camel(const std::string& name) {
  std::string out;
  bool up = true;
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      up = true;
      continue;
    }
    out += up ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    up = false;
  }
  return out;
}

bool is_identifier(const std::string& s) {
  if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0]))) return false;
  for (char c : s)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  return !keywords().count(s);
}

std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\\' || c == '\'') out += '\\';
    out += c;
  }
  return out + "'";
}

}  // namespace ks::klib
