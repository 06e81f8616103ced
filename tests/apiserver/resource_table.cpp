#include "resource_table.h"

#include <algorithm>

namespace kta {

namespace {

struct Row {
  const char* group;
  const char* version;
  const char* kind;
  const char* plural;
  std::vector<std::string> short_names;
  bool namespaced;
  bool has_status;
  bool has_generation;
  bool in_all = false;
  NameRule name_rule = NameRule::Subdomain;
};

std::vector<ResourceType> builtin_types() {
  const std::vector<Row> rows = {
      {"", "v1", "Namespace", "namespaces", {"ns"}, false, true, false, false, NameRule::Label},
      {"", "v1", "ConfigMap", "configmaps", {"cm"}, true, false, false},
      {"", "v1", "Secret", "secrets", {}, true, false, false},
      {"", "v1", "Service", "services", {"svc"}, true, true, false, true, NameRule::Dns1035},
      {"", "v1", "ServiceAccount", "serviceaccounts", {"sa"}, true, false, false},
      {"", "v1", "PersistentVolumeClaim", "persistentvolumeclaims", {"pvc"}, true, true, false},
      {"", "v1", "PersistentVolume", "persistentvolumes", {"pv"}, false, true, false},
      {"", "v1", "Pod", "pods", {"po"}, true, true, false, true},
      {"", "v1", "Endpoints", "endpoints", {"ep"}, true, false, false},
      {"apps", "v1", "Deployment", "deployments", {"deploy"}, true, true, true, true},
      {"apps", "v1", "StatefulSet", "statefulsets", {"sts"}, true, true, true, true},
      {"apps", "v1", "DaemonSet", "daemonsets", {"ds"}, true, true, true, true},
      {"apps", "v1", "ReplicaSet", "replicasets", {"rs"}, true, true, true, true},
      {"batch", "v1", "Job", "jobs", {}, true, true, true, true},
      {"batch", "v1", "CronJob", "cronjobs", {"cj"}, true, true, true, true},
      {"rbac.authorization.k8s.io",
       "v1",
       "Role",
       "roles",
       {},
       true,
       false,
       false,
       false,
       NameRule::PathSegment},
      {"rbac.authorization.k8s.io",
       "v1",
       "RoleBinding",
       "rolebindings",
       {},
       true,
       false,
       false,
       false,
       NameRule::PathSegment},
      {"rbac.authorization.k8s.io",
       "v1",
       "ClusterRole",
       "clusterroles",
       {},
       false,
       false,
       false,
       false,
       NameRule::PathSegment},
      {"rbac.authorization.k8s.io",
       "v1",
       "ClusterRoleBinding",
       "clusterrolebindings",
       {},
       false,
       false,
       false,
       false,
       NameRule::PathSegment},
      {"networking.k8s.io", "v1", "Ingress", "ingresses", {"ing"}, true, true, true},
      {"networking.k8s.io",
       "v1",
       "NetworkPolicy",
       "networkpolicies",
       {"netpol"},
       true,
       false,
       true},
      {"networking.k8s.io", "v1", "IngressClass", "ingressclasses", {}, false, false, false},
      {"storage.k8s.io", "v1", "StorageClass", "storageclasses", {"sc"}, false, false, false},
      {"apiextensions.k8s.io",
       "v1",
       "CustomResourceDefinition",
       "customresourcedefinitions",
       {"crd", "crds"},
       false,
       true,
       true},
      {"policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", {"pdb"}, true, true, true},
  };
  std::vector<ResourceType> out;
  for (const auto& r : rows) {
    ResourceType t;
    t.group = r.group;
    t.version = r.version;
    t.kind = r.kind;
    t.plural = r.plural;
    std::string singular = r.kind;
    std::transform(singular.begin(), singular.end(), singular.begin(), ::tolower);
    t.singular = singular;
    t.short_names = r.short_names;
    if (r.in_all) t.categories = {"all"};
    t.namespaced = r.namespaced;
    t.has_status = r.has_status;
    t.has_generation = r.has_generation;
    t.name_rule = r.name_rule;
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace

Schema ResourceType::ssa_schema() const {
  Schema s;
  if (crd_name.empty()) {
    std::string k = kind;
    s.list_type = [k](const Path& p) { return builtin_list_type(k, p); };
    s.atomic_map = [k](const Path& p) { return builtin_atomic_map(k, p); };
  } else {
    nlohmann::json sch = schema;
    s.list_type = [sch](const Path& p) { return schema_list_type(sch, p); };
    s.atomic_map = [sch](const Path& p) { return schema_atomic_map(sch, p); };
  }
  if (has_status) s.ignored.push_back(make_path({"status"}));
  return s;
}

ResourceTable::ResourceTable() : builtins_(builtin_types()) {}

std::vector<const ResourceType*> ResourceTable::all() const {
  std::vector<const ResourceType*> out;
  for (const auto& t : builtins_) out.push_back(&t);
  for (const auto& [name, types] : custom_) {
    for (const auto& t : types) out.push_back(&t);
  }
  return out;
}

const ResourceType* ResourceTable::find(const std::string& group, const std::string& version,
                                        const std::string& plural) const {
  for (const auto* t : all()) {
    if (t->group == group && t->version == version && t->plural == plural) return t;
  }
  return nullptr;
}

const ResourceType* ResourceTable::find_kind(const std::string& group, const std::string& version,
                                             const std::string& kind) const {
  for (const auto* t : all()) {
    if (t->group == group && t->version == version && t->kind == kind) return t;
  }
  return nullptr;
}

bool ResourceTable::has_group_version(const std::string& group, const std::string& version) const {
  for (const auto* t : all()) {
    if (t->group == group && t->version == version) return true;
  }
  return false;
}

std::vector<std::pair<std::string, std::vector<std::string>>> ResourceTable::groups() const {
  std::vector<std::pair<std::string, std::vector<std::string>>> out;
  for (const auto* t : all()) {
    auto it =
        std::find_if(out.begin(), out.end(), [&](const auto& g) { return g.first == t->group; });
    if (it == out.end()) {
      out.push_back({t->group, {t->version}});
    } else if (std::find(it->second.begin(), it->second.end(), t->version) == it->second.end()) {
      it->second.push_back(t->version);
    }
  }
  return out;
}

void ResourceTable::set_custom(const std::string& crd_name, std::vector<ResourceType> types) {
  custom_[crd_name] = std::move(types);
}

void ResourceTable::remove_custom(const std::string& crd_name) {
  custom_.erase(crd_name);
}

}  // namespace kta
