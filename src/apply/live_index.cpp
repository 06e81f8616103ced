#include "apply/live_index.h"

#include <mutex>

#include "apply/parallel.h"
#include "base/error.h"

namespace ks::apply {

namespace {

// The collection an object path belongs to: the path without its last segment.
std::string collection_of(const std::string& object_path) {
  return object_path.substr(0, object_path.rfind('/'));
}

}  // namespace

LiveIndex LiveIndex::load(kube::Session& session, const std::vector<PlannedObject>& plan,
                          const std::string& selector, int concurrency) {
  struct Collection {
    std::string path;
    kube::ResourceInfo resource;
    std::string namespace_;
  };
  std::map<std::string, Collection> wanted;
  for (const PlannedObject& p : plan) {
    if (!p.error.empty() || !p.resource) continue;
    std::string ns = p.resource->namespaced ? p.ref.namespace_ : "";
    std::string path = kube::collection_path(*p.resource, ns);
    wanted.emplace(path, Collection{path, *p.resource, ns});
  }
  std::vector<Collection> collections;
  for (auto& [path, c] : wanted) collections.push_back(c);

  LiveIndex index;
  std::mutex mu;
  parallel_for(collections.size(), concurrency, [&](size_t i) {
    const Collection& c = collections[i];
    std::vector<nlohmann::json> items;
    try {
      items = session.list_objects(c.path, selector);
    } catch (const Error&) {
      return;  // not listed: its objects are read one by one
    }
    std::lock_guard<std::mutex> lock(mu);
    index.listed_.insert(c.path);
    for (nlohmann::json& item : items) {
      const nlohmann::json meta = item.value("metadata", nlohmann::json::object());
      std::string ns = c.resource.namespaced ? meta.value("namespace", c.namespace_) : "";
      index.live_[kube::object_path(c.resource, ns, meta.value("name", ""))] = std::move(item);
    }
  });
  return index;
}

LiveIndex::Lookup LiveIndex::find(const std::string& object_path) const {
  Lookup lookup;
  lookup.listed = listed_.count(collection_of(object_path)) > 0;
  if (!lookup.listed) return lookup;
  auto it = live_.find(object_path);
  if (it != live_.end()) lookup.object = &it->second;
  return lookup;
}

}  // namespace ks::apply
