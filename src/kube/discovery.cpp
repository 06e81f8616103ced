#include "kube/discovery.h"

#include <cctype>
#include <cstdlib>
#include <filesystem>

#include "base/error.h"
#include "base/fs.h"
#include "base/strings.h"
#include "kube/api_error.h"
#include "kube/server_url.h"

namespace ks::kube {

namespace {

using nlohmann::json;
namespace stdfs = std::filesystem;

const char* kAggregatedAccept =
    "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
    "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json";

bool is_aggregated(const std::string& content_type) {
  return content_type.find("as=APIGroupDiscoveryList") != std::string::npos;
}

long long now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

json to_json(const ResourceInfo& r) {
  return {{"group", r.group},
          {"version", r.version},
          {"kind", r.kind},
          {"resource", r.resource},
          {"namespaced", r.namespaced}};
}

ResourceInfo from_json(const json& j) {
  return {j.value("group", ""), j.value("version", ""), j.value("kind", ""),
          j.value("resource", ""), j.value("namespaced", true)};
}

}  // namespace

std::string default_discovery_cache_dir() {
  const char* xdg = std::getenv("XDG_CACHE_HOME");
  if (xdg && *xdg) return (stdfs::path(xdg) / "ks" / "discovery").string();
  const char* home = std::getenv("HOME");
  if (home && *home) return (stdfs::path(home) / ".cache" / "ks" / "discovery").string();
  return "";
}

std::string discovery_cache_file(const std::string& dir, const std::string& server) {
  std::string name;
  for (char c : normalize_server_url(server))
    name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return (stdfs::path(dir) / (name + ".json")).string();
}

std::vector<ResourceInfo> parse_aggregated_discovery(const json& list) {
  std::vector<ResourceInfo> out;
  for (const json& group : list.value("items", json::array())) {
    std::string g = group.contains("metadata") ? group["metadata"].value("name", "") : "";
    for (const json& v : group.value("versions", json::array())) {
      std::string version = v.value("version", "");
      for (const json& r : v.value("resources", json::array())) {
        std::string kind = r.contains("responseKind") ? r["responseKind"].value("kind", "") : "";
        std::string resource = r.value("resource", "");
        if (kind.empty() || resource.empty() || resource.find('/') != std::string::npos) continue;
        out.push_back({g, version, kind, resource, r.value("scope", "Namespaced") == "Namespaced"});
      }
    }
  }
  return out;
}

std::vector<ResourceInfo> parse_resource_list(const json& list) {
  std::vector<ResourceInfo> out;
  std::string gv = list.value("groupVersion", "");
  std::string group = group_of(gv);
  std::string version = gv.substr(group.empty() ? 0 : group.size() + 1);
  for (const json& r : list.value("resources", json::array())) {
    std::string name = r.value("name", "");
    if (name.empty() || name.find('/') != std::string::npos) continue;
    out.push_back({group, version, r.value("kind", ""), name, r.value("namespaced", true)});
  }
  return out;
}

Discovery::Discovery(HttpClient& client, RetryPolicy retry, std::string cache_dir,
                     std::chrono::seconds ttl)
    : client_(client), retry_(retry), ttl_(ttl) {
  if (!cache_dir.empty()) cache_file_ = discovery_cache_file(cache_dir, client.server());
}

std::optional<ResourceInfo> Discovery::lookup(const std::string& group, const std::string& version,
                                              const std::string& kind) const {
  for (const ResourceInfo& r : resources_)
    if (r.group == group && r.kind == kind && (version.empty() || r.version == version)) return r;
  return std::nullopt;
}

std::optional<ResourceInfo> Discovery::find(const std::string& api_version,
                                            const std::string& kind) {
  std::string group = group_of(api_version);
  std::string version = api_version.substr(group.empty() ? 0 : group.size() + 1);
  std::lock_guard<std::mutex> lock(mu_);
  ensure_loaded();
  if (auto r = lookup(group, version, kind)) return r;
  if (refreshed_on_miss_) return std::nullopt;
  refreshed_on_miss_ = true;
  fetch();
  return lookup(group, version, kind);
}

std::optional<ResourceInfo> Discovery::find_group_kind(const std::string& group,
                                                       const std::string& kind) {
  std::lock_guard<std::mutex> lock(mu_);
  ensure_loaded();
  return lookup(group, "", kind);
}

void Discovery::refresh() {
  std::lock_guard<std::mutex> lock(mu_);
  fetch();
}

void Discovery::ensure_loaded() {
  if (loaded_) return;
  if (!load_cache()) fetch();
  loaded_ = true;
}

bool Discovery::load_cache() {
  std::string text;
  if (cache_file_.empty() || !fs::read_file_if_exists(cache_file_, text)) return false;
  json doc = json::parse(text, nullptr, false);
  if (!doc.is_object() || doc.value("server", "") != normalize_server_url(client_.server()))
    return false;
  long long age = now_seconds() - doc.value("fetchedAt", 0LL);
  if (age < 0 || age > ttl_.count()) return false;
  resources_.clear();
  for (const json& r : doc.value("resources", json::array())) resources_.push_back(from_json(r));
  return true;
}

json Discovery::get(const std::string& path, const std::string& accept, std::string* content_type) {
  Request req;
  req.path = path;
  req.accept = accept;
  Response r = send_with_retry(client_, req, retry_);
  if (r.status == 404) return nullptr;
  if (!is_success(r))
    throw Error("cannot read the API discovery (" + path + ") from " + client_.server() + ": " +
                describe_failure(r));
  if (content_type) *content_type = r.content_type;
  json doc = json::parse(r.body, nullptr, false);
  if (doc.is_discarded())
    throw Error("the server " + client_.server() + " answered " + path + " with invalid JSON");
  return doc;
}

void Discovery::fetch() {
  std::string core_type, groups_type;
  json core = get("/api", kAggregatedAccept, &core_type);
  json groups = get("/apis", kAggregatedAccept, &groups_type);
  if (groups.is_null())
    throw Error("the server " + client_.server() +
                " does not serve /apis; is it a Kubernetes API server?");
  std::vector<ResourceInfo> found;
  if (is_aggregated(core_type) && is_aggregated(groups_type)) {
    found = parse_aggregated_discovery(core);
    for (ResourceInfo& r : parse_aggregated_discovery(groups)) found.push_back(std::move(r));
  } else {
    std::vector<std::string> gvs;
    if (core.is_object())
      for (const json& v : core.value("versions", json::array()))
        gvs.push_back(v.get<std::string>());
    for (const json& g : groups.value("groups", json::array())) {
      std::string preferred =
          g.contains("preferredVersion") ? g["preferredVersion"].value("groupVersion", "") : "";
      if (!preferred.empty()) gvs.push_back(preferred);
      for (const json& v : g.value("versions", json::array()))
        if (v.value("groupVersion", "") != preferred) gvs.push_back(v.value("groupVersion", ""));
    }
    for (const std::string& gv : gvs) {
      json list = get(gv.find('/') == std::string::npos ? "/api/" + gv : "/apis/" + gv,
                      "application/json", nullptr);
      if (list.is_object())
        for (ResourceInfo& r : parse_resource_list(list)) found.push_back(std::move(r));
    }
  }
  resources_ = std::move(found);
  loaded_ = true;
  if (cache_file_.empty()) return;
  json doc = {{"server", normalize_server_url(client_.server())},
              {"fetchedAt", now_seconds()},
              {"resources", json::array()}};
  for (const ResourceInfo& r : resources_) doc["resources"].push_back(to_json(r));
  try {
    fs::write_file_atomic(cache_file_, doc.dump() + "\n", 0600);
  } catch (const Error&) {
    // A cache we cannot write only costs a refetch next time.
  }
}

}  // namespace ks::kube
