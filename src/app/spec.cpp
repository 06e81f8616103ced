#include "app/spec.h"

#include "base/error.h"
#include "base/strings.h"
#include "base/yaml.h"

namespace ks::app {

namespace {

using nlohmann::json;

std::string get_string(json& obj, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end()) return "";
  std::string out;
  if (it->is_string())
    out = it->get<std::string>();
  else if (!it->is_null())
    out = it->dump(-1, ' ', false, json::error_handler_t::replace);  // for messages only
  obj.erase(it);
  return out;
}

void require_object(const json& v, const std::string& source, const std::string& field) {
  if (!v.is_object()) throw Error(source + ": field '" + field + "' must be a mapping");
}

Library parse_library(json v, const std::string& source, const std::string& field) {
  require_object(v, source, field);
  Library lib;
  lib.name = get_string(v, "name");
  lib.registry = get_string(v, "registry");
  lib.version = get_string(v, "version");
  lib.ref = get_string(v, "ref");
  lib.commit = get_string(v, "commit");
  lib.sha256 = get_string(v, "sha256");
  if (v.contains("gitVersion")) {  // 0.1.0
    json gv = v["gitVersion"];
    v.erase("gitVersion");
    if (gv.is_object()) {
      if (lib.ref.empty()) lib.ref = get_string(gv, "refSpec");
      std::string sha = get_string(gv, "commitSha");
      if (lib.version.empty()) lib.version = sha;
      if (lib.commit.empty()) lib.commit = sha;
    }
  }
  lib.extra = v;
  return lib;
}

// 0.1.0 and 0.2.0 keyed libraries by package name; 0.3.0 by "<registry>/<name>".
std::map<std::string, Library> parse_libraries(const json& v, const std::string& source,
                                               const std::string& field) {
  std::map<std::string, Library> libs;
  if (v.is_null()) return libs;
  require_object(v, source, field);
  for (const auto& [key, value] : v.items()) {
    Library lib = parse_library(value, source, field + "." + key);
    if (lib.name.empty()) lib.name = key.substr(key.find('/') + 1);
    std::string full = key.find('/') == std::string::npos && !lib.registry.empty()
                           ? lib.registry + "/" + key
                           : key;
    libs[full] = lib;
  }
  return libs;
}

// An env's folder is read (main.jsonnet, params.libsonnet) and written (ks env rm/set); a path
// that is absolute or climbs out with '..' would make ks read or delete files outside the app.
void check_env_path(const std::string& path, const std::string& source, const std::string& env) {
  std::string why;
  if (path[0] == '/' || path[0] == '\\' || (path.size() > 1 && path[1] == ':')) {
    why = "is absolute";
  } else {
    for (const auto& part : str::split(str::replace_all(path, "\\", "/"), '/'))
      if (part == "..") why = "contains '..'";
  }
  if (!why.empty()) {
    throw Error(source + ": environment '" + env + "': path '" + path + "' " + why +
                "; an env's path is a folder under environments/ (like 'prod' or 'us-west/prod')");
  }
}

Environment parse_env(const std::string& name, json v, const std::string& source,
                      const std::string& api_version) {
  std::string field = "environments." + name;
  if (v.is_null()) v = json::object();
  require_object(v, source, field);
  Environment env;
  env.name = name;
  env.k8s_version = get_string(v, "k8sVersion");
  env.path = get_string(v, "path");
  if (env.path.empty()) env.path = name;
  check_env_path(env.path, source, name);
  env.context = get_string(v, "context");
  if (v.contains("destination")) {
    json d = v["destination"];
    v.erase("destination");
    if (!d.is_null()) {
      require_object(d, source, field + ".destination");
      env.server = get_string(d, "server");
      env.ns = get_string(d, "namespace");
    }
  }
  if (v.contains("targets")) {
    const json& t = v["targets"];
    if (!t.is_null() && !t.is_array())
      throw Error(source + ": field '" + field + ".targets' must be a list");
    for (const auto& item : t.is_null() ? json::array() : t) {
      if (!item.is_string())
        throw Error(source + ": field '" + field + ".targets' must list module names");
      std::string target = item.get<std::string>();
      // 0.1.0 wrote nested modules with '/', later versions with '.'.
      if (api_version == "0.1.0" && target != "/") target = str::replace_all(target, "/", ".");
      env.targets.push_back(target);
    }
    v.erase("targets");
  }
  if (v.contains("libraries")) {
    env.libraries = parse_libraries(v["libraries"], source, field + ".libraries");
    v.erase("libraries");
  }
  env.extra = v;
  return env;
}

json emit_library(const Library& lib) {
  json v = lib.extra;
  v["name"] = lib.name;
  v["registry"] = lib.registry;
  v["version"] = lib.version;
  if (!lib.ref.empty()) v["ref"] = lib.ref;
  if (!lib.commit.empty()) v["commit"] = lib.commit;
  if (!lib.sha256.empty()) v["sha256"] = lib.sha256;
  return v;
}

json emit_env(const Environment& env) {
  json v = env.extra;
  json dest = json::object();
  dest["namespace"] = env.ns;
  dest["server"] = env.server;
  v["destination"] = dest;
  if (!env.k8s_version.empty()) v["k8sVersion"] = env.k8s_version;
  v["path"] = env.path;
  if (!env.context.empty()) v["context"] = env.context;
  if (!env.targets.empty()) v["targets"] = env.targets;
  if (!env.libraries.empty()) {
    json libs = json::object();
    for (const auto& [k, lib] : env.libraries) libs[k] = emit_library(lib);
    v["libraries"] = libs;
  }
  return v;
}

}  // namespace

Spec parse_spec(const std::string& yaml_text, const std::string& source) {
  json doc = yaml::parse(yaml_text, source);
  if (doc.is_null())
    throw Error(source + ": file is empty; expected an app.yaml with apiVersion and name");
  if (!doc.is_object()) throw Error(source + ": expected a mapping with apiVersion, kind and name");
  std::string api_version = get_string(doc, "apiVersion");
  if (api_version != "0.1.0" && api_version != "0.2.0" && api_version != "0.3.0") {
    if (api_version.empty())
      throw Error(source + ": field 'apiVersion' is missing; expected 0.3.0");
    throw Error(source + ": apiVersion '" + api_version +
                "' is not supported; ks reads 0.1.0 to 0.3.0 (apps from ksonnet 0.9 and later)");
  }
  std::string kind = get_string(doc, "kind");
  if (!kind.empty() && kind != "ksonnet.io/app") {
    throw Error(source + ": field 'kind' is '" + kind + "'; expected ksonnet.io/app");
  }
  Spec spec;
  spec.name = get_string(doc, "name");
  spec.version = get_string(doc, "version");
  if (doc.contains("environments")) {
    const json envs = doc["environments"];
    doc.erase("environments");
    if (!envs.is_null()) {
      require_object(envs, source, "environments");
      for (const auto& [name, v] : envs.items())
        spec.environments[name] = parse_env(name, v, source, api_version);
    }
  }
  if (doc.contains("registries")) {
    const json regs = doc["registries"];
    doc.erase("registries");
    if (!regs.is_null()) {
      require_object(regs, source, "registries");
      for (const auto& [name, v0] : regs.items()) {
        json v = v0;
        require_object(v, source, "registries." + name);
        Registry r;
        r.protocol = get_string(v, "protocol");
        r.uri = get_string(v, "uri");
        r.version = get_string(v, "version");
        r.commit = get_string(v, "commit");
        v.erase("gitVersion");  // legacy, ignored by ksonnet too
        r.extra = v;
        spec.registries[name] = r;
      }
    }
  }
  if (doc.contains("libraries")) {
    spec.libraries = parse_libraries(doc["libraries"], source, "libraries");
    doc.erase("libraries");
  }
  spec.extra = doc;
  return spec;
}

void apply_override(Spec& spec, const std::string& yaml_text, const std::string& source) {
  json doc = yaml::parse(yaml_text, source);
  if (doc.is_null()) return;
  if (!doc.is_object()) throw Error(source + ": expected a mapping");
  if (doc.contains("environments") && doc["environments"].is_object()) {
    for (const auto& [name, v] : doc["environments"].items()) {
      Environment env = parse_env(name, v, source, kSpecApiVersion);
      auto existing = spec.environments.find(name);
      if (existing != spec.environments.end()) env.libraries = existing->second.libraries;
      spec.env_overrides[name] = env;
    }
  }
  if (doc.contains("registries") && doc["registries"].is_object()) {
    for (const auto& [name, v0] : doc["registries"].items()) {
      json v = v0;
      require_object(v, source, "registries." + name);
      Registry r;
      r.protocol = get_string(v, "protocol");
      r.uri = get_string(v, "uri");
      r.extra = v;
      spec.registry_overrides[name] = r;
    }
  }
}

std::string emit_spec(const Spec& spec) {
  json doc = spec.extra;
  doc["apiVersion"] = kSpecApiVersion;
  doc["kind"] = "ksonnet.io/app";
  doc["name"] = spec.name;
  doc["version"] = spec.version;
  json envs = json::object();
  for (const auto& [name, env] : spec.environments) envs[name] = emit_env(env);
  if (!envs.empty()) doc["environments"] = envs;
  json regs = json::object();
  for (const auto& [name, r] : spec.registries) {
    json v = r.extra;
    v["protocol"] = r.protocol;
    v["uri"] = r.uri;
    if (!r.version.empty()) v["version"] = r.version;
    if (!r.commit.empty()) v["commit"] = r.commit;
    regs[name] = v;
  }
  if (!regs.empty()) doc["registries"] = regs;
  json libs = json::object();
  for (const auto& [key, lib] : spec.libraries) libs[key] = emit_library(lib);
  if (!libs.empty()) doc["libraries"] = libs;
  return yaml::emit(doc);
}

const Environment* Spec::find_env(const std::string& name) const {
  if (auto it = env_overrides.find(name); it != env_overrides.end()) return &it->second;
  if (auto it = environments.find(name); it != environments.end()) return &it->second;
  return nullptr;
}

const Registry* Spec::find_registry(const std::string& name) const {
  if (auto it = registry_overrides.find(name); it != registry_overrides.end()) return &it->second;
  if (auto it = registries.find(name); it != registries.end()) return &it->second;
  return nullptr;
}

std::vector<std::string> Spec::env_names() const {
  std::map<std::string, bool> names;
  for (const auto& [n, e] : environments) names[n] = true;
  for (const auto& [n, e] : env_overrides) names[n] = true;
  std::vector<std::string> out;
  for (const auto& [n, b] : names) out.push_back(n);
  return out;
}

}  // namespace ks::app
