#include "kube/api_error.h"

#include <map>

#include <nlohmann/json.hpp>

#include "base/strings.h"

namespace ks::kube {

namespace {

using nlohmann::json;

std::string one_line(std::string s) {
  s = str::replace_all(std::move(s), "\r", "");
  s = str::replace_all(std::move(s), "\n", " ");
  return str::trim(s);
}

std::string manager_of(const std::string& cause_message) {
  // "conflict with \"other\" using v1"
  const std::string prefix = "conflict with ";
  if (str::starts_with(cause_message, prefix)) return cause_message.substr(prefix.size());
  return cause_message;
}

}  // namespace

bool is_success(const Response& r) {
  return r.status >= 200 && r.status < 300;
}

ApiError parse_api_error(const Response& r) {
  ApiError e;
  e.code = r.status;
  json doc = json::parse(r.body, nullptr, false);
  if (doc.is_object() && doc.value("kind", "") == "Status") {
    e.reason = doc.value("reason", "");
    e.message = doc.value("message", "");
    if (doc.contains("code") && doc["code"].is_number()) e.code = doc["code"].get<long>();
    auto details = doc.find("details");
    if (details != doc.end() && details->is_object()) {
      auto causes = details->find("causes");
      if (causes != details->end() && causes->is_array())
        for (const json& c : *causes)
          if (c.is_object() && c.value("reason", "") == "FieldManagerConflict")
            e.conflicts.push_back({manager_of(c.value("message", "")), c.value("field", "")});
    }
  } else {
    e.message = str::trim(r.body);
  }
  return e;
}

std::string describe_failure(const Response& r) {
  if (r.status == 0) return "cannot reach the server: " + r.transport_error;
  ApiError e = parse_api_error(r);
  if (!e.conflicts.empty()) {
    std::map<std::string, std::vector<std::string>> by_manager;
    for (const FieldConflict& c : e.conflicts) by_manager[c.manager].push_back(c.field);
    std::vector<std::string> parts;
    for (const auto& [manager, fields] : by_manager)
      parts.push_back("conflict with " + manager + ": " + str::join(fields, ", "));
    return str::join(parts, "; ") +
           " (another field manager owns these fields; apply with --force-conflicts to take them "
           "over)";
  }
  std::string msg = one_line(e.message);
  if (msg.empty()) msg = "HTTP " + std::to_string(r.status);
  if (r.status == 401) return "the server rejected the credentials (Unauthorized): " + msg;
  return msg;
}

}  // namespace ks::kube
