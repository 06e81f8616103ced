#include "render/objects.h"

#include <algorithm>
#include <tuple>

#include "base/error.h"

namespace ks::render {

namespace {

std::string group_of(const std::string& api_version) {
  auto slash = api_version.find('/');
  return slash == std::string::npos ? "" : api_version.substr(0, slash);
}

const char* kClusterScoped[] = {
    "/Namespace",
    "/Node",
    "/PersistentVolume",
    "/ComponentStatus",
    "rbac.authorization.k8s.io/ClusterRole",
    "rbac.authorization.k8s.io/ClusterRoleBinding",
    "apiextensions.k8s.io/CustomResourceDefinition",
    "storage.k8s.io/StorageClass",
    "storage.k8s.io/CSIDriver",
    "storage.k8s.io/CSINode",
    "storage.k8s.io/VolumeAttachment",
    "scheduling.k8s.io/PriorityClass",
    "apiregistration.k8s.io/APIService",
    "admissionregistration.k8s.io/MutatingWebhookConfiguration",
    "admissionregistration.k8s.io/ValidatingWebhookConfiguration",
    "admissionregistration.k8s.io/ValidatingAdmissionPolicy",
    "admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding",
    "node.k8s.io/RuntimeClass",
    "networking.k8s.io/IngressClass",
    "policy/PodSecurityPolicy",
    "extensions/PodSecurityPolicy",
    "certificates.k8s.io/CertificateSigningRequest",
    "flowcontrol.apiserver.k8s.io/FlowSchema",
    "flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration",
};

const char* kNamespaced[] = {
    "/Pod",
    "/Service",
    "/ConfigMap",
    "/Secret",
    "/ServiceAccount",
    "/PersistentVolumeClaim",
    "/Endpoints",
    "/LimitRange",
    "/ResourceQuota",
    "/ReplicationController",
    "/PodTemplate",
    "/Event",
    "apps/Deployment",
    "apps/StatefulSet",
    "apps/DaemonSet",
    "apps/ReplicaSet",
    "apps/ControllerRevision",
    "extensions/Deployment",
    "extensions/DaemonSet",
    "extensions/ReplicaSet",
    "extensions/Ingress",
    "extensions/NetworkPolicy",
    "batch/Job",
    "batch/CronJob",
    "rbac.authorization.k8s.io/Role",
    "rbac.authorization.k8s.io/RoleBinding",
    "networking.k8s.io/Ingress",
    "networking.k8s.io/NetworkPolicy",
    "policy/PodDisruptionBudget",
    "autoscaling/HorizontalPodAutoscaler",
    "discovery.k8s.io/EndpointSlice",
    "coordination.k8s.io/Lease",
    "events.k8s.io/Event",
};

const std::vector<std::string>& kind_ranks() {
  static const std::vector<std::string> ranks = {"Namespace",
                                                 "ResourceQuota",
                                                 "LimitRange",
                                                 "PodSecurityPolicy",
                                                 "Secret",
                                                 "ConfigMap",
                                                 "StorageClass",
                                                 "PersistentVolume",
                                                 "PersistentVolumeClaim",
                                                 "ServiceAccount",
                                                 "CustomResourceDefinition",
                                                 "ClusterRole",
                                                 "ClusterRoleBinding",
                                                 "Role",
                                                 "RoleBinding",
                                                 "Service",
                                                 "DaemonSet",
                                                 "Pod",
                                                 "ReplicationController",
                                                 "ReplicaSet",
                                                 "Deployment",
                                                 "StatefulSet",
                                                 "Job",
                                                 "CronJob",
                                                 "Ingress",
                                                 "APIService"};
  return ranks;
}

size_t kind_rank(const std::string& kind) {
  const auto& ranks = kind_ranks();
  auto it = std::find(ranks.begin(), ranks.end(), kind);
  return it == ranks.end() ? ranks.size() : static_cast<size_t>(it - ranks.begin());
}

const std::string& str_at(const nlohmann::json& obj, const char* key) {
  static const std::string kEmpty;
  auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? it->get_ref<const std::string&>() : kEmpty;
}

// `nested`: v is an item of an array or a List. A null item is skipped, as tanka does and as
// std.prune would: Kubeflow's packages build lists like `[a, if hostname != null then b]` (its
// basic-auth-ingress), which ksonnet passed on as an object with an empty kind that no server
// accepts. A null component is still an error.
void flatten(const nlohmann::json& v, const ComponentValue& c, std::vector<nlohmann::json>& out,
             bool nested) {
  if (v.is_array()) {
    for (const auto& item : v) flatten(item, c, out, true);
    return;
  }
  if (v.is_null() && nested) return;
  if (!v.is_object()) {
    throw Error(c.file + ": component '" + c.name +
                "' must evaluate to an object, a List or an array of objects, not " +
                std::string(v.type_name()));
  }
  if (str_at(v, "kind") == "List") {
    auto items = v.find("items");
    if (items != v.end() && !items->is_array() && !items->is_null())
      throw Error(c.file + ": component '" + c.name + "': List items must be an array");
    if (items != v.end() && items->is_array()) flatten(*items, c, out, true);
    // A List without items holds no objects (ksonnet printed a v1 List without items as an
    // object of its own, which no server accepts).
    if (items != v.end() || str_at(v, "apiVersion") == "v1") return;
  }
  out.push_back(v);
}

void check_object(const nlohmann::json& obj, const ComponentValue& c) {
  auto fail = [&](const std::string& what) {
    std::string kind = str_at(obj, "kind");
    throw Error(c.file + ": component '" + c.name + "' produced " +
                (kind.empty() ? "an object" : "a " + kind) + " " + what);
  };
  if (str_at(obj, "apiVersion").empty()) fail("without apiVersion");
  if (str_at(obj, "kind").empty()) fail("without kind");
  auto meta = obj.find("metadata");
  if (meta == obj.end() || !meta->is_object()) fail("without metadata");
  if (str_at(*meta, "name").empty() && str_at(*meta, "generateName").empty())
    fail("without metadata.name");
}

// Two definitions of one object would overwrite each other on every apply, and `ks diff` would
// never settle: each object (group, kind, namespace, name) must come from one place.
void check_unique(const std::vector<nlohmann::json>& objects, const std::vector<size_t>& owner,
                  const std::vector<ComponentValue>& values, const ScopeTable& scopes) {
  std::map<std::tuple<std::string, std::string, std::string, std::string>, size_t> first;
  for (size_t j = 0; j < objects.size(); ++j) {
    const auto& obj = objects[j];
    const auto& meta = obj["metadata"];
    const std::string& name = str_at(meta, "name");
    if (name.empty()) continue;  // generateName: the server picks a new name each time
    const std::string& api_version = str_at(obj, "apiVersion");
    const std::string& kind = str_at(obj, "kind");
    bool cluster = scopes.scope(api_version, kind) == ScopeTable::Scope::Cluster;
    std::string ns = cluster ? "" : str_at(meta, "namespace");
    std::string group = group_of(api_version);
    auto [it, fresh] = first.emplace(std::make_tuple(group, kind, ns, name), j);
    if (fresh) continue;
    std::string what =
        kind + (group.empty() ? "" : "." + group) + " " + (ns.empty() ? "" : ns + "/") + name;
    const ComponentValue& a = values[owner[it->second]];
    const ComponentValue& b = values[owner[j]];
    if (&a == &b) {
      throw Error(a.file + ": component '" + a.name + "' produces " + what +
                  " twice; an object may be defined once");
    }
    throw Error(what + " is defined by two components, '" + a.name + "' (" + a.file + ") and '" +
                b.name + "' (" + b.file + "); an object may come from one component only");
  }
}

}  // namespace

ScopeTable::ScopeTable() {
  for (const char* k : kClusterScoped) by_group_kind_[k] = Scope::Cluster;
  for (const char* k : kNamespaced) by_group_kind_[k] = Scope::Namespaced;
}

void ScopeTable::learn_crds(const std::vector<nlohmann::json>& objects) {
  for (const auto& o : objects) {
    if (str_at(o, "kind") != "CustomResourceDefinition") continue;
    const auto& spec = o.value("spec", nlohmann::json::object());
    if (!spec.is_object()) continue;
    std::string group = str_at(spec, "group");
    std::string kind =
        spec.contains("names") && spec["names"].is_object() ? str_at(spec["names"], "kind") : "";
    if (kind.empty()) continue;
    by_group_kind_[group + "/" + kind] =
        str_at(spec, "scope") == "Cluster" ? Scope::Cluster : Scope::Namespaced;
  }
}

ScopeTable::Scope ScopeTable::scope(const std::string& api_version, const std::string& kind) const {
  auto it = by_group_kind_.find(group_of(api_version) + "/" + kind);
  return it == by_group_kind_.end() ? Scope::Unknown : it->second;
}

std::vector<nlohmann::json> collect_objects(const std::vector<ComponentValue>& values,
                                            const std::string& default_namespace) {
  std::vector<nlohmann::json> objects;
  std::vector<size_t> owner;  // index into values for each object
  for (size_t i = 0; i < values.size(); ++i) {
    size_t before = objects.size();
    flatten(values[i].value, values[i], objects, false);
    owner.resize(objects.size(), i);
    for (size_t j = before; j < objects.size(); ++j) check_object(objects[j], values[i]);
  }
  ScopeTable scopes;
  scopes.learn_crds(objects);
  for (size_t j = 0; j < objects.size(); ++j) {
    auto& obj = objects[j];
    auto& meta = obj["metadata"];
    if (!meta.contains("labels") || !meta["labels"].is_object())
      meta["labels"] = nlohmann::json::object();
    meta["labels"]["ksonnet.io/component"] = values[owner[j]].name;
    bool has_ns = meta.contains("namespace") && meta["namespace"].is_string() &&
                  !meta["namespace"].get<std::string>().empty();
    if (!has_ns && !default_namespace.empty() &&
        scopes.scope(str_at(obj, "apiVersion"), str_at(obj, "kind")) ==
            ScopeTable::Scope::Namespaced) {
      meta["namespace"] = default_namespace;
    }
  }
  check_unique(objects, owner, values, scopes);
  return objects;
}

void sort_objects(std::vector<nlohmann::json>& objects) {
  // Keys computed once per object, not per comparison (each cost a copy of the metadata).
  const nlohmann::json no_metadata = nlohmann::json::object();
  auto key = [&](const nlohmann::json& o) {
    const nlohmann::json& meta = o.contains("metadata") ? o["metadata"] : no_metadata;
    return std::make_tuple(str_at(meta, "namespace"), kind_rank(str_at(o, "kind")),
                           str_at(o, "kind"), str_at(o, "apiVersion"), str_at(meta, "name"),
                           str_at(meta, "generateName"));
  };
  using Key = decltype(key(objects.front()));
  std::vector<std::pair<Key, size_t>> keyed;
  keyed.reserve(objects.size());
  for (size_t i = 0; i < objects.size(); ++i) keyed.emplace_back(key(objects[i]), i);
  std::stable_sort(keyed.begin(), keyed.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<nlohmann::json> sorted;
  sorted.reserve(objects.size());
  for (auto& entry : keyed) sorted.push_back(std::move(objects[entry.second]));
  objects = std::move(sorted);
}

}  // namespace ks::render
