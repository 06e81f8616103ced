#include "discovery.h"

namespace kta {

using nlohmann::json;

namespace {

const json kVerbs = {"create", "delete", "deletecollection", "get",
                     "list",   "patch",  "update",           "watch"};

json response_kind(const ResourceType& t) {
  return {{"group", t.group}, {"version", t.version}, {"kind", t.kind}};
}

json aggregated_resource(const ResourceType& t) {
  json r = {{"resource", t.plural},
            {"responseKind", response_kind(t)},
            {"scope", t.namespaced ? "Namespaced" : "Cluster"},
            {"singularResource", t.singular},
            {"verbs", kVerbs}};
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

json version_info() {
  return {{"major", "1"},
          {"minor", "32"},
          {"gitVersion", "v1.32.4"},
          {"gitCommit", "59526cd4867447956156ae3a602fcbac10a2c335"},
          {"gitTreeState", "clean"},
          {"buildDate", "2025-04-22T16:03:47Z"},
          {"goVersion", "go1.23.6"},
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
              {"verbs", kVerbs}};
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
  return json{{"kind", "APIResourceList"},
              {"apiVersion", "v1"},
              {"groupVersion", group.empty() ? version : group + "/" + version},
              {"resources", resources}};
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
    items.push_back(
        {{"metadata", {{"name", group}, {"creationTimestamp", nullptr}}}, {"versions", vs}});
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
