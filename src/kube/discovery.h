#pragma once
// Maps (apiVersion, kind) to the resource path and scope through the server's discovery API
// (aggregated v2 when the server speaks it, legacy per-group-version lists otherwise). Results
// are cached per server on disk for a short time and refreshed when a kind is not found.
#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "kube/http_client.h"
#include "kube/object_ref.h"
#include "kube/retry.h"

namespace ks::kube {

// $XDG_CACHE_HOME/ks/discovery or ~/.cache/ks/discovery; empty when neither is known.
std::string default_discovery_cache_dir();
// The cache file for one server inside `dir`.
std::string discovery_cache_file(const std::string& dir, const std::string& server);

std::vector<ResourceInfo> parse_aggregated_discovery(const nlohmann::json& list);
std::vector<ResourceInfo> parse_resource_list(const nlohmann::json& list);

class Discovery {
 public:
  // `cache_dir` empty: no disk cache.
  Discovery(HttpClient& client, RetryPolicy retry, std::string cache_dir,
            std::chrono::seconds ttl = std::chrono::minutes(10));

  // Looks the kind up, refreshing from the server once per Discovery when it is missing.
  std::optional<ResourceInfo> find(const std::string& api_version, const std::string& kind);
  // The group's preferred version of the kind.
  std::optional<ResourceInfo> find_group_kind(const std::string& group, const std::string& kind);
  // Fetches from the server now and rewrites the cache. Throws ks::Error when discovery fails.
  void refresh();

 private:
  void ensure_loaded();
  bool load_cache();
  void fetch();
  std::optional<ResourceInfo> lookup(const std::string& group, const std::string& version,
                                     const std::string& kind) const;
  nlohmann::json get(const std::string& path, const std::string& accept, std::string* content_type);

  HttpClient& client_;
  RetryPolicy retry_;
  std::string cache_file_;
  std::chrono::seconds ttl_;
  std::mutex mu_;
  bool loaded_ = false;
  bool refreshed_on_miss_ = false;
  std::vector<ResourceInfo> resources_;  // per group, preferred version first
};

}  // namespace ks::kube
