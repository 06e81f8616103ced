#pragma once
// In-memory object storage with one global resourceVersion counter and a bounded event log for
// watches. Not thread-safe: the Api serialises access with its own mutex.
#include <deque>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace kta {

struct WatchEvent {
  long long rv = 0;
  std::string type;  // ADDED, MODIFIED, DELETED
  std::string key;   // ResourceType::storage_key()
  nlohmann::json object;
};

class Store {
 public:
  const nlohmann::json* get(const std::string& key, const std::string& ns,
                            const std::string& name) const;
  // All objects of `key` in `ns` (every namespace when `ns` is empty), by namespace then name.
  std::vector<const nlohmann::json*> list(const std::string& key, const std::string& ns) const;
  // Every storage key holding objects in namespace `ns`.
  std::vector<std::string> keys_in_namespace(const std::string& ns) const;

  // Stamps metadata.resourceVersion with a new version, stores, and logs the event.
  const nlohmann::json& put(const std::string& key, nlohmann::json object);
  // Removes the object; the DELETED event carries it with a new resourceVersion.
  nlohmann::json erase(const std::string& key, const std::string& ns, const std::string& name);

  long long current_rv() const { return rv_; }
  long long oldest_event_rv() const { return events_.empty() ? rv_ + 1 : events_.front().rv; }
  std::vector<WatchEvent> events_after(long long rv, const std::string& key) const;

 private:
  long long next_rv() { return ++rv_; }
  void log(WatchEvent e);

  std::map<std::string, std::map<std::pair<std::string, std::string>, nlohmann::json>> objects_;
  std::deque<WatchEvent> events_;
  long long rv_ = 1000;
};

}  // namespace kta
