#pragma once
// The resource API: object CRUD, server-side apply, watch, and the CRD controller, over the
// in-memory store. Independent of HTTP: takes a Call, returns a Reply or throws ApiError.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "api_path.h"
#include "resource_table.h"
#include "selectors.h"
#include "store.h"

namespace kta {

using nlohmann::json;

struct Call {
  std::string method;
  std::string path;
  std::map<std::string, std::string> query;
  std::string body;
  std::string content_type;
  std::string user_agent;
};

class WatchStream;

struct Reply {
  int status = 200;
  json body;
  std::shared_ptr<WatchStream> watch;  // set for watch requests: stream instead of body
  std::vector<std::string> warnings;   // sent as `Warning: 299 - "<text>"` headers
};

struct ApiOptions {
  std::chrono::milliseconds crd_establish_delay{0};
};

class Api {
 public:
  explicit Api(ApiOptions options);
  ~Api();
  Api(const Api&) = delete;
  Api& operator=(const Api&) = delete;

  Reply handle(const Call& call);  // throws ApiError
  ResourceTable table() const;     // snapshot for discovery/openapi
  void stop();                     // ends watches and the CRD controller

  struct Target;  // resolved type + path of one request

 private:
  friend class WatchStream;

  Target resolve(const ApiPath& path) const;
  Reply get(const Target& t, const Call& call);
  Reply list(const Target& t, const Call& call);
  Reply watch(const Target& t, const Call& call);
  Reply create(const Target& t, const Call& call);
  Reply update(const Target& t, const Call& call);
  Reply patch(const Target& t, const Call& call);
  Reply apply(const Target& t, const Call& call, json config);
  Reply remove(const Target& t, const Call& call);
  Reply remove_collection(const Target& t, const Call& call);

  void require_namespace(const Target& t) const;
  void validate_new_name(const Target& t, const std::string& name) const;
  // Bookkeeping shared by all writes; stores unless dry-run. Returns the resulting object.
  json commit(const Target& t, const json* live, json object, bool dry_run,
              bool* changed = nullptr);
  json delete_object(const Target& t, const json& live, const std::string& propagation,
                     bool dry_run, bool* deleted);
  void collect_garbage(const std::string& owner_uid, const std::string& propagation);
  void delete_namespace_contents(const std::string& ns);
  void after_crd_write(const json& crd);
  void after_crd_delete(const json& crd);
  void run_crd_controller();
  std::string now() const;

  ApiOptions options_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;  // signalled on every store write
  ResourceTable table_;
  Store store_;
  std::map<std::string, std::chrono::steady_clock::time_point> pending_crds_;
  std::atomic<bool> stopping_{false};
  std::thread controller_;
};

// Serialised watch events for one watch request; the HTTP layer pulls chunks from it.
class WatchStream {
 public:
  // Next chunk of newline-separated events (may be empty); nullopt once the watch has ended.
  std::optional<std::string> next(std::chrono::milliseconds wait);

 private:
  friend class Api;
  Api* api_ = nullptr;
  std::string key_;
  std::string ns_;
  std::string api_version_;
  LabelSelector labels_;
  FieldSelector fields_;
  long long cursor_ = 0;
  std::string initial_;  // synthetic ADDED events for a watch from "now"
  std::chrono::steady_clock::time_point deadline_;
};

}  // namespace kta
