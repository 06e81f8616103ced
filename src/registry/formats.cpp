#include "registry/formats.h"

#include "base/error.h"
#include "base/strings.h"
#include "base/yaml.h"
#include "registry/repo_metadata.h"

namespace ks::registry {

namespace {

using nlohmann::json;

// A scalar as text: YAML reads `0.1` as a number and `yes` as a bool; ksonnet meant strings.
std::string scalar(const json& v, const std::string& source, const std::string& field) {
  if (v.is_null()) return "";
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number() || v.is_boolean()) return v.dump();
  throw Error(source + ": field '" + field + "' must be a string, got " +
              std::string(v.type_name()));
}

std::string string_field(const json& obj, const char* key, const std::string& source,
                         const std::string& prefix = "") {
  auto it = obj.find(key);
  if (it == obj.end()) return "";
  return scalar(*it, source, prefix + key);
}

// `bugs: {url: x}` (ksonnet) or `bugs: x`.
std::string url_field(const json& obj, const char* key, const std::string& source) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return "";
  if (it->is_object()) return string_field(*it, "url", source, std::string(key) + ".");
  return scalar(*it, source, key);
}

json load(const std::string& text, const std::string& source, const std::string& kind) {
  json doc = yaml::parse(text, source);
  if (doc.is_null()) throw Error(source + ": file is empty; it must be a " + kind + " document");
  if (!doc.is_object()) throw Error(source + ": must be a YAML mapping (kind " + kind + ")");
  std::string actual = string_field(doc, "kind", source);
  if (actual != kind) {
    throw Error(source + ": field 'kind' must be '" + kind + "'" +
                (actual.empty() ? " (it is missing)" : ", got '" + actual + "'"));
  }
  return doc;
}

}  // namespace

void check_package_path(const std::string& path, const std::string& what) {
  if (path.empty()) throw Error(what + " is empty");
  if (path[0] == '/' || path[0] == '\\' || (path.size() > 1 && path[1] == ':')) {
    throw Error(what + " '" + path +
                "' is absolute; package paths must be relative to the registry root");
  }
  for (const auto& part : str::split(str::replace_all(path, "\\", "/"), '/')) {
    if (part == "..")
      throw Error(what + " '" + path +
                  "' contains '..'; package paths must stay inside the registry");
    if (is_repository_metadata(part))
      throw Error(what + " '" + path + "' leads into repository metadata ('" + part + "')");
  }
}

RegistryFile parse_registry_file(const std::string& text, const std::string& source) {
  json doc = load(text, source, "ksonnet.io/registry");
  RegistryFile f;
  f.api_version = string_field(doc, "apiVersion", source);
  if (f.api_version != "0.1.0" && f.api_version != "0.1" && f.api_version != "0.2.0") {
    throw Error(source + ": field 'apiVersion' must be 0.1.0, 0.1 or 0.2.0" +
                (f.api_version.empty() ? " (it is missing)" : ", got '" + f.api_version + "'"));
  }
  f.version = string_field(doc, "version", source);
  if (doc.contains("gitVersion") && doc["gitVersion"].is_object() && f.version.empty()) {
    f.version = string_field(doc["gitVersion"], "commitSha", source, "gitVersion.");
  }
  if (!doc.contains("libraries") || doc["libraries"].is_null()) return f;
  const json& libs = doc["libraries"];
  if (!libs.is_object())
    throw Error(source +
                ": field 'libraries' must be a mapping of package name to {path, version}");
  for (const auto& [name, v] : libs.items()) {
    std::string field = "libraries." + name;
    if (name.empty() || name.find('/') != std::string::npos ||
        name.find('@') != std::string::npos) {
      throw Error(source + ": field '" + field +
                  "': package names cannot be empty or contain '/' or '@'");
    }
    if (!v.is_object())
      throw Error(source + ": field '" + field + "' must be a mapping with 'path' and 'version'");
    LibraryEntry e;
    e.path = string_field(v, "path", source, field + ".");
    e.version = string_field(v, "version", source, field + ".");
    if (e.path.empty()) throw Error(source + ": field '" + field + ".path' is missing");
    check_package_path(e.path, source + ": field '" + field + ".path'");
    f.libraries[name] = e;
  }
  return f;
}

std::string emit_registry_file(const RegistryFile& file) {
  json doc = {{"apiVersion", "0.2.0"}, {"kind", "ksonnet.io/registry"}, {"version", file.version}};
  json libs = json::object();
  for (const auto& [name, e] : file.libraries)
    libs[name] = {{"path", e.path}, {"version", e.version}};
  doc["libraries"] = libs;
  return yaml::emit(doc);
}

Parts parse_parts_file(const std::string& text, const std::string& source) {
  json doc = load(text, source, "ksonnet.io/parts");
  Parts p;
  p.name = string_field(doc, "name", source);
  if (p.name.empty()) throw Error(source + ": field 'name' is missing");
  p.api_version = string_field(doc, "apiVersion", source);
  p.description = string_field(doc, "description", source);
  p.author = string_field(doc, "author", source);
  p.license = string_field(doc, "license", source);
  p.version = string_field(doc, "version", source);
  p.repository = url_field(doc, "repository", source);
  p.bugs = url_field(doc, "bugs", source);
  if (doc.contains("contributors") && !doc["contributors"].is_null()) {
    const json& cs = doc["contributors"];
    if (!cs.is_array()) throw Error(source + ": field 'contributors' must be a list");
    for (std::size_t i = 0; i < cs.size(); ++i) {
      std::string field = "contributors[" + std::to_string(i) + "]";
      if (cs[i].is_object()) {
        p.contributors.push_back({string_field(cs[i], "name", source, field + "."),
                                  string_field(cs[i], "email", source, field + ".")});
      } else {
        p.contributors.push_back({scalar(cs[i], source, field), ""});
      }
    }
  }
  for (const char* key : {"keywords", "prototypes"}) {
    if (!doc.contains(key) || doc[key].is_null()) continue;
    const json& list = doc[key];
    if (!list.is_array()) throw Error(source + ": field '" + key + "' must be a list");
    auto& out = std::string(key) == "keywords" ? p.keywords : p.prototypes;
    for (std::size_t i = 0; i < list.size(); ++i) {
      out.push_back(scalar(list[i], source, std::string(key) + "[" + std::to_string(i) + "]"));
    }
  }
  if (doc.contains("quickStart") && !doc["quickStart"].is_null()) {
    const json& qs = doc["quickStart"];
    if (!qs.is_object())
      throw Error(
          source +
          ": field 'quickStart' must be a mapping {prototype, componentName, flags, comment}");
    if (qs.contains("flags") && !qs["flags"].is_null() && !qs["flags"].is_object()) {
      throw Error(source + ": field 'quickStart.flags' must be a mapping");
    }
    p.quick_start = qs;
  }
  return p;
}

}  // namespace ks::registry
