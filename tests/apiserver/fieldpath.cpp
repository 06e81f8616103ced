#include "fieldpath.h"

#include <algorithm>
#include <map>

#include "base/error.h"

namespace kta {

PathElement PathElement::field(std::string name) {
  PathElement e;
  e.type = Type::Field;
  e.text = std::move(name);
  return e;
}

PathElement PathElement::key(json key_fields) {
  PathElement e;
  e.type = Type::Key;
  e.text = key_fields.dump();
  e.value = std::move(key_fields);
  return e;
}

PathElement PathElement::member(json value) {
  PathElement e;
  e.type = Type::Value;
  e.text = value.dump();
  e.value = std::move(value);
  return e;
}

PathElement PathElement::at(int index) {
  PathElement e;
  e.type = Type::Index;
  e.index = index;
  e.text = std::to_string(index);
  return e;
}

std::string PathElement::encode() const {
  switch (type) {
    case Type::Field:
      return "f:" + text;
    case Type::Key:
      return "k:" + text;
    case Type::Value:
      return "v:" + text;
    case Type::Index:
      return "i:" + text;
  }
  return text;
}

PathElement PathElement::decode(const std::string& encoded) {
  if (encoded.size() < 2 || encoded[1] != ':') {
    throw ks::Error("invalid FieldsV1 path element \"" + encoded + "\"");
  }
  std::string rest = encoded.substr(2);
  try {
    switch (encoded[0]) {
      case 'f':
        return field(rest);
      case 'k':
        return key(json::parse(rest));
      case 'v':
        return member(json::parse(rest));
      case 'i':
        return at(std::stoi(rest));
    }
  } catch (const std::exception&) {
  }
  throw ks::Error("invalid FieldsV1 path element \"" + encoded + "\"");
}

std::string PathElement::to_string() const {
  switch (type) {
    case Type::Field:
      return "." + text;
    case Type::Key: {
      std::string out = "[";
      bool first = true;
      for (const auto& [k, v] : value.items()) {
        if (!first) out += ",";
        first = false;
        out += k + "=" + v.dump();
      }
      return out + "]";
    }
    case Type::Value:
      return "[=" + text + "]";
    case Type::Index:
      return "[" + text + "]";
  }
  return text;
}

bool operator<(const PathElement& a, const PathElement& b) {
  if (a.type != b.type) return a.type < b.type;
  if (a.type == PathElement::Type::Index) return a.index < b.index;
  return a.text < b.text;
}

bool operator==(const PathElement& a, const PathElement& b) {
  return a.type == b.type && a.text == b.text;
}

Path make_path(std::initializer_list<std::string> fields) {
  Path p;
  for (const auto& f : fields) p.push_back(PathElement::field(f));
  return p;
}

std::string path_string(const Path& path) {
  std::string out;
  for (const auto& e : path) out += e.to_string();
  return out;
}

bool has_prefix(const Path& path, const Path& prefix) {
  return path.size() >= prefix.size() && std::equal(prefix.begin(), prefix.end(), path.begin());
}

FieldSet set_union(const FieldSet& a, const FieldSet& b) {
  FieldSet out = a;
  out.insert(b.begin(), b.end());
  return out;
}

FieldSet set_difference(const FieldSet& a, const FieldSet& b) {
  FieldSet out;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::inserter(out, out.end()));
  return out;
}

FieldSet set_intersection(const FieldSet& a, const FieldSet& b) {
  FieldSet out;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::inserter(out, out.end()));
  return out;
}

namespace {

struct Trie {
  bool member = false;
  std::map<PathElement, Trie> children;
};

json encode_node(const Trie& node) {
  json out = json::object();
  if (node.member && !node.children.empty()) out["."] = json::object();
  for (const auto& [element, child] : node.children) out[element.encode()] = encode_node(child);
  return out;
}

void decode_node(const json& node, Path& path, FieldSet& out) {
  if (!node.is_object())
    throw ks::Error("invalid FieldsV1: expected an object at " + path_string(path));
  for (const auto& [k, child] : node.items()) {
    if (k == ".") {
      out.insert(path);
      continue;
    }
    path.push_back(PathElement::decode(k));
    if (child.is_object() && child.empty()) {
      out.insert(path);
    } else {
      decode_node(child, path, out);
    }
    path.pop_back();
  }
}

}  // namespace

json encode_fields_v1(const FieldSet& set) {
  Trie root;
  for (const auto& path : set) {
    Trie* node = &root;
    for (const auto& e : path) node = &node->children[e];
    node->member = true;
  }
  return encode_node(root);
}

FieldSet decode_fields_v1(const json& fields) {
  FieldSet out;
  Path path;
  decode_node(fields, path, out);
  return out;
}

}  // namespace kta
