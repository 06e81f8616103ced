#include "openapi.h"

#include <functional>
#include <sstream>

#include "base/strings.h"

namespace kta {

using nlohmann::json;

namespace {

std::string definition_name(const ResourceType& t) {
  if (!t.crd_name.empty()) {
    auto parts = ks::str::split(t.group, '.');
    std::string reversed;
    for (auto it = parts.rbegin(); it != parts.rend(); ++it) reversed += *it + ".";
    return reversed + t.version + "." + t.kind;
  }
  if (t.group == "apiextensions.k8s.io") {
    return "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions." + t.version + "." + t.kind;
  }
  std::string short_group = t.group.empty() ? "core" : t.group.substr(0, t.group.find('.'));
  return "io.k8s.api." + short_group + "." + t.version + "." + t.kind;
}

json gvk(const ResourceType& t) {
  return {{"group", t.group}, {"version", t.version}, {"kind", t.kind}};
}

json kind_schema(const ResourceType& t) {
  json s;
  if (t.schema.is_object()) {
    s = t.schema;
  } else {
    s = {{"type", "object"},
         {"description", t.kind + " (minimal schema served by ks-test-apiserver)"},
         {"properties",
          {{"apiVersion", {{"type", "string"}}},
           {"kind", {{"type", "string"}}},
           {"metadata", {{"type", "object"}}}}}};
  }
  s["x-kubernetes-group-version-kind"] = json::array({gvk(t)});
  return s;
}

std::string gv_path_of(const ResourceType& t) {
  return t.group.empty() ? "api/" + t.version : "apis/" + t.group + "/" + t.version;
}

json query_param(const std::string& name) {
  return {{"name", name}, {"in", "query"}, {"schema", {{"type", "string"}}}, {"uniqueItems", true}};
}

json operation(const ResourceType& t, const std::string& action, bool writes) {
  json params = json::array();
  if (writes) {
    for (const char* p : {"dryRun", "fieldManager", "fieldValidation"})
      params.push_back(query_param(p));
    if (action == "patch") params.push_back(query_param("force"));
  }
  std::string ref = "#/components/schemas/" + definition_name(t);
  return {{"operationId", action + t.kind},
          {"x-kubernetes-action", action},
          {"x-kubernetes-group-version-kind", gvk(t)},
          {"parameters", params},
          {"responses",
           {{"200",
             {{"description", "OK"},
              {"content", {{"application/json", {{"schema", {{"$ref", ref}}}}}}}}}}}};
}

std::string collection_path(const ResourceType& t) {
  std::string base = "/" + gv_path_of(t);
  return t.namespaced ? base + "/namespaces/{namespace}/" + t.plural : base + "/" + t.plural;
}

std::string hash_of(const json& doc) {
  std::ostringstream out;
  out << std::hex << std::uppercase << std::hash<std::string>{}(doc.dump());
  return out.str();
}

}  // namespace

std::optional<json> openapi_v3_group_version(const ResourceTable& table,
                                             const std::string& gv_path) {
  json paths = json::object();
  json schemas = json::object();
  for (const ResourceType* t : table.all()) {
    if (gv_path_of(*t) != gv_path) continue;
    std::string collection = collection_path(*t);
    paths[collection] = {{"get", operation(*t, "list", false)},
                         {"post", operation(*t, "post", true)}};
    paths[collection + "/{name}"] = {{"get", operation(*t, "get", false)},
                                     {"put", operation(*t, "put", true)},
                                     {"patch", operation(*t, "patch", true)},
                                     {"delete", operation(*t, "delete", true)}};
    schemas[definition_name(*t)] = kind_schema(*t);
  }
  if (paths.empty()) return std::nullopt;
  return json{{"openapi", "3.0.0"},
              {"info", {{"title", "Kubernetes"}, {"version", "v1.32.4"}}},
              {"paths", paths},
              {"components", {{"schemas", schemas}}}};
}

json openapi_v3_root(const ResourceTable& table) {
  json paths = json::object();
  for (const ResourceType* t : table.all()) {
    std::string gv = gv_path_of(*t);
    if (paths.contains(gv)) continue;
    auto doc = openapi_v3_group_version(table, gv);
    paths[gv] = {{"serverRelativeURL", "/openapi/v3/" + gv + "?hash=" + hash_of(*doc)}};
  }
  return {{"paths", paths}};
}

json openapi_v2(const ResourceTable& table) {
  json definitions = json::object();
  json paths = json::object();
  for (const ResourceType* t : table.all()) {
    definitions[definition_name(*t)] = kind_schema(*t);
    json op = {{"operationId", "patch" + t->kind},
               {"x-kubernetes-action", "patch"},
               {"x-kubernetes-group-version-kind", gvk(*t)},
               {"parameters", {{{"name", "fieldValidation"}, {"in", "query"}, {"type", "string"}}}},
               {"responses", {{"200", {{"description", "OK"}}}}}};
    paths[collection_path(*t) + "/{name}"] = {{"patch", op}};
  }
  return {{"swagger", "2.0"},
          {"info", {{"title", "Kubernetes"}, {"version", "v1.32.4"}}},
          {"paths", paths},
          {"definitions", definitions}};
}

}  // namespace kta
