#include "store.h"

#include <algorithm>

namespace kta {

namespace {

constexpr size_t kMaxEvents = 20000;

std::pair<std::string, std::string> id_of(const nlohmann::json& object) {
  const auto& meta = object.at("metadata");
  return {meta.value("namespace", ""), meta.value("name", "")};
}

}  // namespace

const nlohmann::json* Store::get(const std::string& key, const std::string& ns,
                                 const std::string& name) const {
  auto k = objects_.find(key);
  if (k == objects_.end()) return nullptr;
  auto it = k->second.find({ns, name});
  return it == k->second.end() ? nullptr : &it->second;
}

std::vector<const nlohmann::json*> Store::list(const std::string& key,
                                               const std::string& ns) const {
  std::vector<const nlohmann::json*> out;
  auto k = objects_.find(key);
  if (k == objects_.end()) return out;
  for (const auto& [id, object] : k->second) {
    if (ns.empty() || id.first == ns) out.push_back(&object);
  }
  return out;
}

std::vector<std::string> Store::keys_in_namespace(const std::string& ns) const {
  std::vector<std::string> out;
  for (const auto& [key, objects] : objects_) {
    if (std::any_of(objects.begin(), objects.end(),
                    [&](const auto& entry) { return entry.first.first == ns; })) {
      out.push_back(key);
    }
  }
  return out;
}

const nlohmann::json& Store::put(const std::string& key, nlohmann::json object) {
  long long rv = next_rv();
  object["metadata"]["resourceVersion"] = std::to_string(rv);
  auto id = id_of(object);
  auto& slot = objects_[key];
  bool existed = slot.count(id) > 0;
  auto& stored = slot[id] = std::move(object);
  log({rv, existed ? "MODIFIED" : "ADDED", key, stored});
  return stored;
}

nlohmann::json Store::erase(const std::string& key, const std::string& ns,
                            const std::string& name) {
  auto k = objects_.find(key);
  if (k == objects_.end()) return nullptr;
  auto it = k->second.find({ns, name});
  if (it == k->second.end()) return nullptr;
  nlohmann::json object = std::move(it->second);
  k->second.erase(it);
  long long rv = next_rv();
  object["metadata"]["resourceVersion"] = std::to_string(rv);
  log({rv, "DELETED", key, object});
  return object;
}

std::vector<WatchEvent> Store::events_after(long long rv, const std::string& key) const {
  std::vector<WatchEvent> out;
  auto it = std::upper_bound(events_.begin(), events_.end(), rv,
                             [](long long v, const WatchEvent& e) { return v < e.rv; });
  for (; it != events_.end(); ++it) {
    if (it->key == key) out.push_back(*it);
  }
  return out;
}

void Store::log(WatchEvent e) {
  events_.push_back(std::move(e));
  if (events_.size() > kMaxEvents) events_.pop_front();
}

}  // namespace kta
