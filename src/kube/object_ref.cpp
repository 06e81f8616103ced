#include "kube/object_ref.h"

#include <cctype>
#include <tuple>

#include "base/error.h"
#include "base/strings.h"

namespace ks::kube {

std::string group_of(const std::string& api_version) {
  auto slash = api_version.find('/');
  return slash == std::string::npos ? "" : api_version.substr(0, slash);
}

std::string group_kind(const std::string& group, const std::string& kind) {
  return group.empty() ? kind : kind + "." + group;
}

std::string ObjectRef::group() const {
  return group_of(api_version);
}

std::string ObjectRef::version() const {
  auto slash = api_version.find('/');
  return slash == std::string::npos ? api_version : api_version.substr(slash + 1);
}

std::string ObjectRef::display() const {
  std::string k = str::to_lower(kind);
  return namespace_.empty() ? k + " " + name : k + " " + namespace_ + "/" + name;
}

std::string ObjectRef::group_kind() const {
  return kube::group_kind(group(), kind);
}

std::string ObjectRef::file_name() const {
  std::string g = group();
  std::string out = (g.empty() ? "" : g + ".") + version() + "." + kind + ".";
  out += (namespace_.empty() ? "" : namespace_ + ".") + name;
  return str::replace_all(out, "/", "_");
}

bool ObjectRef::operator<(const ObjectRef& o) const {
  return std::tie(api_version, kind, namespace_, name) <
         std::tie(o.api_version, o.kind, o.namespace_, o.name);
}

bool ObjectRef::operator==(const ObjectRef& o) const {
  return std::tie(api_version, kind, namespace_, name) ==
         std::tie(o.api_version, o.kind, o.namespace_, o.name);
}

ObjectRef ref_of(const nlohmann::json& o) {
  ObjectRef r;
  if (!o.is_object()) return r;
  r.api_version = o.value("apiVersion", "");
  r.kind = o.value("kind", "");
  auto meta = o.find("metadata");
  if (meta != o.end() && meta->is_object()) {
    r.namespace_ = meta->value("namespace", "");
    r.name = meta->value("name", "");
  }
  return r;
}

std::string collection_path(const ResourceInfo& res, const std::string& ns) {
  std::string p = res.group.empty()
                      ? "/api/" + path_segment(res.version)
                      : "/apis/" + path_segment(res.group) + "/" + path_segment(res.version);
  if (res.namespaced && !ns.empty()) p += "/namespaces/" + path_segment(ns);
  return p + "/" + path_segment(res.resource);
}

std::string object_path(const ResourceInfo& res, const std::string& ns, const std::string& name) {
  return collection_path(res, ns) + "/" + path_segment(name);
}

std::string path_segment(const std::string& value) {
  // Last line of defence behind object_names.h: an empty, `.` or `..` segment would address the
  // collection or the parent instead of the object.
  if (value.empty() || value == "." || value == "..")
    throw Error("refusing to send a request for the name \"" + value +
                "\": the server would read it as another path");
  return url_encode(value);
}

std::string url_encode(const std::string& value) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : value) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

}  // namespace ks::kube
