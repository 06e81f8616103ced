#include "discovery.h"

namespace kta {

using nlohmann::json;

namespace {

const json kVerbs = {"create", "delete", "deletecollection", "get",
                     "list",   "patch",  "update",           "watch"};

// Built-in kinds leave group and version empty (they are the resource's own); CRDs name them.
json response_kind(const ResourceType& t) {
  if (t.crd_name.empty()) return {{"group", ""}, {"version", ""}, {"kind", t.kind}};
  return {{"group", t.group}, {"version", t.version}, {"kind", t.kind}};
}

// Namespaces cannot be deleted as a collection.
json verbs_of(const ResourceType& t) {
  if (t.group.empty() && t.plural == "namespaces")
    return {"create", "delete", "get", "list", "patch", "update", "watch"};
  return kVerbs;
}

json aggregated_resource(const ResourceType& t) {
  json r = {{"resource", t.plural},
            {"responseKind", response_kind(t)},
            {"scope", t.namespaced ? "Namespaced" : "Cluster"},
            {"singularResource", t.singular},
            {"verbs", verbs_of(t)}};
  if (!t.short_names.empty()) r["shortNames"] = t.short_names;
  if (!t.categories.empty()) r["categories"] = t.categories;
  if (t.has_status) {
    r["subresources"] = {{{"subresource", "status"},
                          {"responseKind", response_kind(t)},
                          {"verbs", {"get", "patch", "update"}}}};
  }
  return r;
}

}  // namespace

// The release of the real control plane (scripts/cluster) this server is held to.
json version_info() {
  return {{"major", "1"},
          {"minor", "37"},
          {"emulationMajor", "1"},
          {"emulationMinor", "37"},
          {"minCompatibilityMajor", "1"},
          {"minCompatibilityMinor", "36"},
          {"gitVersion", "v1.37.2"},
          {"gitCommit", "$Format:%H$"},
          {"gitTreeState", "clean"},
          {"buildDate", "1970-01-01T00:00:00Z"},
          {"goVersion", "go1.26.8"},
          {"compiler", "gc"},
          {"platform", "linux/amd64"}};
}

json legacy_api_versions(const std::string& server_address) {
  return {{"kind", "APIVersions"},
          {"versions", {"v1"}},
          {"serverAddressByClientCIDRs",
           {{{"clientCIDR", "0.0.0.0/0"}, {"serverAddress", server_address}}}}};
}

json legacy_group_list(const ResourceTable& table) {
  json groups = json::array();
  for (const auto& [group, versions] : table.groups()) {
    if (group.empty()) continue;
    json vs = json::array();
    for (const auto& v : versions)
      vs.push_back({{"groupVersion", group + "/" + v}, {"version", v}});
    groups.push_back({{"name", group}, {"versions", vs}, {"preferredVersion", vs[0]}});
  }
  return {{"kind", "APIGroupList"}, {"apiVersion", "v1"}, {"groups", groups}};
}

std::optional<json> legacy_resource_list(const ResourceTable& table, const std::string& group,
                                         const std::string& version) {
  if (!table.has_group_version(group, version)) return std::nullopt;
  json resources = json::array();
  for (const ResourceType* t : table.all()) {
    if (t->group != group || t->version != version) continue;
    json r = {{"name", t->plural},
              {"singularName", t->singular},
              {"namespaced", t->namespaced},
              {"kind", t->kind},
              {"verbs", verbs_of(*t)}};
    if (!t->short_names.empty()) r["shortNames"] = t->short_names;
    if (!t->categories.empty()) r["categories"] = t->categories;
    resources.push_back(r);
    if (t->has_status) {
      resources.push_back({{"name", t->plural + "/status"},
                           {"singularName", ""},
                           {"namespaced", t->namespaced},
                           {"kind", t->kind},
                           {"verbs", {"get", "patch", "update"}}});
    }
  }
  json list = {{"kind", "APIResourceList"},
               {"apiVersion", "v1"},
               {"groupVersion", group.empty() ? version : group + "/" + version},
               {"resources", resources}};
  if (group.empty()) list.erase("apiVersion");  // /api/v1 is served without one
  return list;
}

json aggregated_discovery(const ResourceTable& table, bool core,
                          const std::string& discovery_version) {
  json items = json::array();
  for (const auto& [group, versions] : table.groups()) {
    if (group.empty() != core) continue;
    json vs = json::array();
    for (const auto& v : versions) {
      json resources = json::array();
      for (const ResourceType* t : table.all()) {
        if (t->group == group && t->version == v) resources.push_back(aggregated_resource(*t));
      }
      vs.push_back({{"version", v}, {"resources", resources}, {"freshness", "Current"}});
    }
    items.push_back({{"metadata", {{"name", group}}}, {"versions", vs}});
  }
  return {{"kind", "APIGroupDiscoveryList"},
          {"apiVersion", "apidiscovery.k8s.io/" + discovery_version},
          {"metadata", json::object()},
          {"items", items}};
}

std::string aggregated_version_requested(const std::string& accept) {
  auto asks = [&](const std::string& v) {
    std::string needle = "g=apidiscovery.k8s.io;v=" + v + ";as=APIGroupDiscoveryList";
    return accept.find(needle) != std::string::npos;
  };
  if (asks("v2")) return "v2";
  if (asks("v2beta1")) return "v2beta1";
  return "";
}

}  // namespace kta
