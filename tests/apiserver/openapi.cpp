#include "openapi.h"

#include <cctype>
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

// Kube's operation ids: verb, group and version in camel case (`.k8s.io` dropped, core as Core),
// `Namespaced` for namespaced kinds, then the kind: patchAppsV1NamespacedDeployment.
std::string operation_id(const ResourceType& t, const std::string& verb) {
  std::string group = t.group.empty() ? "core" : t.group;
  const std::string suffix = ".k8s.io";
  if (group.size() > suffix.size() &&
      group.compare(group.size() - suffix.size(), suffix.size(), suffix) == 0)
    group.resize(group.size() - suffix.size());
  std::string id = verb;
  for (std::string part : ks::str::split(group + "." + t.version, '.')) {
    if (part.empty()) continue;
    part[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(part[0])));
    id += part;
  }
  return id + (t.namespaced ? "Namespaced" : "") + t.kind;
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

json operation(const ResourceType& t, const std::string& action, const std::string& verb,
               bool writes) {
  json params = json::array();
  if (writes) {
    for (const char* p : {"dryRun", "fieldManager", "fieldValidation"})
      params.push_back(query_param(p));
    if (action == "patch") params.push_back(query_param("force"));
  }
  std::string ref = "#/components/schemas/" + definition_name(t);
  return {{"operationId", operation_id(t, verb)},
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

// Schemas of the built-in kinds a ksonnet-lib style component builds (Deployment, Service,
// ConfigMap, Secret) and the types they reach, in the shape of the real /openapi/v2, so
// `ks lib generate` has fields to generate from. Other kinds keep the minimal schema.
const json& v2_detail() {
  static const json d = json::parse(R"({
  "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta": {"type": "object", "properties": {
    "annotations": {"type": "object", "additionalProperties": {"type": "string"}},
    "labels": {"type": "object", "additionalProperties": {"type": "string"}},
    "name": {"type": "string"}, "namespace": {"type": "string"}, "generateName": {"type": "string"}}},
  "io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector": {"type": "object", "properties": {
    "matchLabels": {"type": "object", "additionalProperties": {"type": "string"}}}},
  "io.k8s.apimachinery.pkg.util.intstr.IntOrString": {"type": "string", "format": "int-or-string"},
  "io.k8s.apimachinery.pkg.api.resource.Quantity": {"type": "string"},
  "io.k8s.api.apps.v1.Deployment": {"type": "object", "properties": {
    "apiVersion": {"type": "string"}, "kind": {"type": "string"},
    "metadata": {"$ref": "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"},
    "spec": {"$ref": "#/definitions/io.k8s.api.apps.v1.DeploymentSpec"},
    "status": {}}},
  "io.k8s.api.apps.v1.DeploymentSpec": {"type": "object", "properties": {
    "replicas": {"type": "integer", "format": "int32"},
    "selector": {"$ref": "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector"},
    "template": {"$ref": "#/definitions/io.k8s.api.core.v1.PodTemplateSpec"}}},
  "io.k8s.api.core.v1.PodTemplateSpec": {"type": "object", "properties": {
    "metadata": {"$ref": "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"},
    "spec": {"$ref": "#/definitions/io.k8s.api.core.v1.PodSpec"}}},
  "io.k8s.api.core.v1.PodSpec": {"type": "object", "properties": {
    "containers": {"type": "array", "items": {"$ref": "#/definitions/io.k8s.api.core.v1.Container"}},
    "nodeSelector": {"type": "object", "additionalProperties": {"type": "string"}},
    "serviceAccountName": {"type": "string"},
    "volumes": {"type": "array", "items": {"$ref": "#/definitions/io.k8s.api.core.v1.Volume"}}}},
  "io.k8s.api.core.v1.Container": {"type": "object", "required": ["name"], "properties": {
    "args": {"type": "array", "items": {"type": "string"}},
    "command": {"type": "array", "items": {"type": "string"}},
    "env": {"type": "array", "items": {"$ref": "#/definitions/io.k8s.api.core.v1.EnvVar"}},
    "image": {"type": "string"}, "imagePullPolicy": {"type": "string"}, "name": {"type": "string"},
    "ports": {"type": "array", "items": {"$ref": "#/definitions/io.k8s.api.core.v1.ContainerPort"}},
    "resources": {"$ref": "#/definitions/io.k8s.api.core.v1.ResourceRequirements"},
    "volumeMounts": {"type": "array", "items": {"$ref": "#/definitions/io.k8s.api.core.v1.VolumeMount"}}}},
  "io.k8s.api.core.v1.ContainerPort": {"type": "object", "properties": {
    "containerPort": {"type": "integer"}, "name": {"type": "string"}, "protocol": {"type": "string"}}},
  "io.k8s.api.core.v1.EnvVar": {"type": "object", "properties": {
    "name": {"type": "string"}, "value": {"type": "string"},
    "valueFrom": {"$ref": "#/definitions/io.k8s.api.core.v1.EnvVarSource"}}},
  "io.k8s.api.core.v1.EnvVarSource": {"type": "object", "properties": {
    "secretKeyRef": {"$ref": "#/definitions/io.k8s.api.core.v1.SecretKeySelector"}}},
  "io.k8s.api.core.v1.SecretKeySelector": {"type": "object", "properties": {
    "key": {"type": "string"}, "name": {"type": "string"}}},
  "io.k8s.api.core.v1.ResourceRequirements": {"type": "object", "properties": {
    "limits": {"type": "object", "additionalProperties": {"$ref": "#/definitions/io.k8s.apimachinery.pkg.api.resource.Quantity"}},
    "requests": {"type": "object", "additionalProperties": {"$ref": "#/definitions/io.k8s.apimachinery.pkg.api.resource.Quantity"}}}},
  "io.k8s.api.core.v1.VolumeMount": {"type": "object", "properties": {
    "mountPath": {"type": "string"}, "name": {"type": "string"}, "readOnly": {"type": "boolean"}}},
  "io.k8s.api.core.v1.Volume": {"type": "object", "properties": {
    "configMap": {"$ref": "#/definitions/io.k8s.api.core.v1.ConfigMapVolumeSource"},
    "emptyDir": {"$ref": "#/definitions/io.k8s.api.core.v1.EmptyDirVolumeSource"},
    "name": {"type": "string"},
    "secret": {"$ref": "#/definitions/io.k8s.api.core.v1.SecretVolumeSource"}}},
  "io.k8s.api.core.v1.ConfigMapVolumeSource": {"type": "object", "properties": {
    "items": {"type": "array", "items": {"$ref": "#/definitions/io.k8s.api.core.v1.KeyToPath"}},
    "name": {"type": "string"}}},
  "io.k8s.api.core.v1.KeyToPath": {"type": "object", "properties": {
    "key": {"type": "string"}, "path": {"type": "string"}}},
  "io.k8s.api.core.v1.EmptyDirVolumeSource": {"type": "object", "properties": {
    "medium": {"type": "string"}, "sizeLimit": {"$ref": "#/definitions/io.k8s.apimachinery.pkg.api.resource.Quantity"}}},
  "io.k8s.api.core.v1.SecretVolumeSource": {"type": "object", "properties": {
    "secretName": {"type": "string"}}},
  "io.k8s.api.core.v1.Service": {"type": "object", "properties": {
    "apiVersion": {"type": "string"}, "kind": {"type": "string"},
    "metadata": {"$ref": "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"},
    "spec": {"$ref": "#/definitions/io.k8s.api.core.v1.ServiceSpec"},
    "status": {}}},
  "io.k8s.api.core.v1.ServiceSpec": {"type": "object", "properties": {
    "ports": {"type": "array", "items": {"$ref": "#/definitions/io.k8s.api.core.v1.ServicePort"}},
    "selector": {"type": "object", "additionalProperties": {"type": "string"}},
    "type": {"type": "string"}}},
  "io.k8s.api.core.v1.ServicePort": {"type": "object", "properties": {
    "name": {"type": "string"}, "port": {"type": "integer"}, "protocol": {"type": "string"},
    "targetPort": {"$ref": "#/definitions/io.k8s.apimachinery.pkg.util.intstr.IntOrString"}}},
  "io.k8s.api.core.v1.ConfigMap": {"type": "object", "properties": {
    "apiVersion": {"type": "string"}, "kind": {"type": "string"},
    "data": {"type": "object", "additionalProperties": {"type": "string"}},
    "metadata": {"$ref": "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"}}},
  "io.k8s.api.core.v1.Secret": {"type": "object", "properties": {
    "apiVersion": {"type": "string"}, "kind": {"type": "string"},
    "data": {"type": "object", "additionalProperties": {"type": "string", "format": "byte"}},
    "metadata": {"$ref": "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"},
    "type": {"type": "string"}}}
})");
  return d;
}
}  // namespace

std::optional<json> openapi_v3_group_version(const ResourceTable& table,
                                             const std::string& gv_path) {
  json paths = json::object();
  json schemas = json::object();
  for (const ResourceType* t : table.all()) {
    if (gv_path_of(*t) != gv_path) continue;
    std::string collection = collection_path(*t);
    paths[collection] = {{"get", operation(*t, "list", "list", false)},
                         {"post", operation(*t, "post", "create", true)}};
    paths[collection + "/{name}"] = {{"get", operation(*t, "get", "read", false)},
                                     {"put", operation(*t, "put", "replace", true)},
                                     {"patch", operation(*t, "patch", "patch", true)},
                                     {"delete", operation(*t, "delete", "delete", true)}};
    schemas[definition_name(*t)] = kind_schema(*t);
  }
  if (paths.empty()) return std::nullopt;
  return json{{"openapi", "3.0.0"},
              {"info", {{"title", "Kubernetes"}, {"version", "1.37"}}},
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
  json definitions = v2_detail();
  json paths = json::object();
  for (const ResourceType* t : table.all()) {
    std::string name = definition_name(*t);
    json schema = kind_schema(*t);
    if (t->crd_name.empty() && definitions.contains(name)) {
      definitions[name]["x-kubernetes-group-version-kind"] =
          schema["x-kubernetes-group-version-kind"];
    } else {
      if (t->crd_name.empty()) {  // a minimal schema: its metadata is ObjectMeta, as in kube's
        schema["properties"]["metadata"] = {
            {"$ref", "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"}};
      }
      definitions[name] = schema;
    }
    json op = {{"operationId", operation_id(*t, "patch")},
               {"x-kubernetes-action", "patch"},
               {"x-kubernetes-group-version-kind", gvk(*t)},
               {"parameters", {{{"name", "fieldValidation"}, {"in", "query"}, {"type", "string"}}}},
               {"responses", {{"200", {{"description", "OK"}}}}}};
    paths[collection_path(*t) + "/{name}"] = {{"patch", op}};
  }
  return {{"swagger", "2.0"},
          {"info", {{"title", "Kubernetes"}, {"version", "1.37"}}},
          {"paths", paths},
          {"definitions", definitions}};
}

}  // namespace kta
