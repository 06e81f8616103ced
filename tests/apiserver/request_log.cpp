#include "request_log.h"

namespace kta {

void RequestLog::add(nlohmann::json entry) {
  std::lock_guard<std::mutex> lock(mutex_);
  entries_.push_back(std::move(entry));
}

nlohmann::json RequestLog::all() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return nlohmann::json(entries_);
}

void RequestLog::reset() {
  std::lock_guard<std::mutex> lock(mutex_);
  entries_.clear();
}

}  // namespace kta
