#include "kube/session.h"

#include <iostream>

#include "base/error.h"
#include "kube/api_error.h"
#include "kube/object_ref.h"

namespace ks::kube {

Session::Session(const Target& target, const SessionOptions& options)
    : connection_(resolve_target(target)), options_(options) {
  ClientOptions client = options.client;
  if (!client.on_waiting) client.on_waiting = options.on_waiting;
  client_ = std::make_unique<HttpClient>(connection_, client);
  std::string cache =
      options.discovery_cache_dir ? *options.discovery_cache_dir : default_discovery_cache_dir();
  discovery_ = std::make_unique<Discovery>(*client_, options.retry, cache);
}

Response Session::send(const Request& request) {
  RetryPolicy policy = options_.retry;
  if (options_.on_waiting) {
    policy.on_delay = [&](std::chrono::milliseconds delay, int attempt, const Response& r) {
      if (delay < std::chrono::seconds(2)) return;
      std::string why = r.status == 0 ? "no answer" : "HTTP " + std::to_string(r.status);
      options_.on_waiting("waiting " + std::to_string((delay.count() + 500) / 1000) +
                          "s before sending " + request.method + " " +
                          request.path.substr(0, request.path.find('?')) + " again (" + why +
                          "; attempt " + std::to_string(attempt) + " of at most " +
                          std::to_string(policy.max_attempts) + ", the retry limit)");
    };
  }
  return send_with_retry(*client_, request, policy);
}

nlohmann::json Session::get_object(const std::string& path) {
  Request req;
  req.path = path;
  Response r = send(req);
  if (r.status == 404) return nullptr;
  if (!is_success(r)) throw Error("GET " + path + ": " + describe_failure(r));
  nlohmann::json doc = nlohmann::json::parse(r.body, nullptr, false);
  if (doc.is_discarded()) throw Error("GET " + path + ": the server answered invalid JSON");
  return doc;
}

std::vector<nlohmann::json> Session::list_objects(const std::string& path,
                                                  const std::string& selector) {
  std::vector<nlohmann::json> items;
  std::string cont;
  do {
    Request req;
    req.path = path + "?labelSelector=" + url_encode(selector) + "&limit=500" +
               (cont.empty() ? "" : "&continue=" + url_encode(cont));
    Response r = send(req);
    if (r.status == 404) break;
    if (!is_success(r)) throw Error("cannot list " + path + ": " + describe_failure(r));
    nlohmann::json list = nlohmann::json::parse(r.body, nullptr, false);
    if (!list.is_object())
      throw Error("cannot list " + path + ": the server answered invalid JSON");
    // A real API server leaves apiVersion and kind out of the items of built-in kinds; the
    // list names them (kind "ConfigMapList"), so each item gets them back, as client-go does.
    std::string api_version = list.value("apiVersion", "");
    std::string kind = list.value("kind", "");
    if (kind.size() > 4 && kind.compare(kind.size() - 4, 4, "List") == 0)
      kind.resize(kind.size() - 4);
    for (nlohmann::json& item : list.value("items", nlohmann::json::array())) {
      if (item.is_object() && !item.contains("apiVersion") && !api_version.empty())
        item["apiVersion"] = api_version;
      if (item.is_object() && !item.contains("kind") && !kind.empty()) item["kind"] = kind;
      items.push_back(std::move(item));
    }
    cont = list.contains("metadata") && list["metadata"].is_object()
               ? list["metadata"].value("continue", "")
               : "";
  } while (!cont.empty());
  return items;
}

void emit_warnings(const Connection& connection,
                   const std::function<void(const std::string&)>& sink) {
  for (const std::string& w : connection.warnings) {
    if (sink)
      sink(w);
    else
      std::cerr << "warning: " << w << "\n";
  }
}

}  // namespace ks::kube
