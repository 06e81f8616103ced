#pragma once
// The log of API requests served, read back by tests through GET /_test/requests.
#include <mutex>
#include <vector>

#include <nlohmann/json.hpp>

namespace kta {

class RequestLog {
 public:
  // Entry fields: method, path, query, content_type, accept, user_agent, field_manager, user,
  // status (0 when the connection was dropped), fault, body (writes only).
  void add(nlohmann::json entry);
  nlohmann::json all() const;
  void reset();

 private:
  mutable std::mutex mutex_;
  std::vector<nlohmann::json> entries_;
};

}  // namespace kta
