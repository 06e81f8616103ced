#include "api.h"

#include <algorithm>
#include <ctime>
#include <random>

#include "api_internal.h"
#include "base/error.h"
#include "crds.h"
#include "status.h"

namespace kta {

std::string rfc3339_now() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

namespace {

std::mt19937_64& rng() {
  thread_local std::mt19937_64 gen{std::random_device{}()};
  return gen;
}

json parse_or_bad_request(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const ks::Error& e) {
    throw bad_request(e.what());
  }
  return nullptr;
}

}  // namespace

std::string new_uid() {
  std::uniform_int_distribution<int> hex(0, 15);
  const char* digits = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 32; ++i) {
    if (i == 8 || i == 12 || i == 16 || i == 20) out += '-';
    int d = hex(rng());
    if (i == 12) d = 4;
    if (i == 16) d = 8 + (d & 3);
    out += digits[d];
  }
  return out;
}

std::string random_suffix(size_t n) {
  static const std::string alphabet = "bcdfghjklmnpqrstvwxz2456789";
  std::uniform_int_distribution<size_t> pick(0, alphabet.size() - 1);
  std::string out;
  for (size_t i = 0; i < n; ++i) out += alphabet[pick(rng())];
  return out;
}

json served(const ResourceType& t, json object) {
  object["apiVersion"] = t.group_version();
  return object;
}

std::string query_value(const Call& call, const std::string& key) {
  auto it = call.query.find(key);
  return it == call.query.end() ? "" : it->second;
}

Api::Api(ApiOptions options) : options_(options) {
  for (const char* ns : {"default", "kube-system", "kube-public", "kube-node-lease"}) {
    Target t{*table_.find("", "v1", "namespaces"), ApiPath{}, ""};
    t.storage_key = t.type.storage_key();
    t.path.name = ns;
    commit(t, nullptr, {{"metadata", {{"name", ns}}}}, false);
  }
  controller_ = std::thread([this] { run_crd_controller(); });
}

Api::~Api() {
  stop();
  if (controller_.joinable()) controller_.join();
}

void Api::stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
}

std::string Api::now() const {
  return rfc3339_now();
}

ResourceTable Api::table() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return table_;
}

Api::Target Api::resolve(const ApiPath& path) const {
  const ResourceType* type = table_.find(path.group, path.version, path.resource);
  if (!type) throw unknown_resource();
  if (!path.subresource.empty() && !(path.subresource == "status" && type->has_status)) {
    throw unknown_resource();
  }
  if (type->namespaced && path.ns.empty() && !path.name.empty()) throw unknown_resource();
  if (!type->namespaced && !path.ns.empty()) throw unknown_resource();
  Target t{*type, path, type->storage_key()};
  return t;
}

Reply Api::handle(const Call& call) {
  auto path = parse_api_path(call.path);
  if (!path || !path->has_resource()) throw unknown_resource();
  std::lock_guard<std::mutex> lock(mutex_);
  Target t = resolve(*path);
  bool named = !t.name().empty();
  bool watching = query_value(call, "watch") == "true" || query_value(call, "watch") == "1";
  if (call.method == "GET") {
    if (watching) return watch(t, call);
    return named ? get(t, call) : list(t, call);
  }
  if (call.method == "POST") {
    if (named || (t.type.namespaced && t.ns().empty())) throw method_not_allowed();
    return create(t, call);
  }
  if (call.method == "PUT" || call.method == "PATCH") {
    if (!named) throw method_not_allowed();
    return call.method == "PUT" ? update(t, call) : patch(t, call);
  }
  if (call.method == "DELETE") return named ? remove(t, call) : remove_collection(t, call);
  throw method_not_allowed();
}

Reply Api::get(const Target& t, const Call&) {
  const json* object = store_.get(t.key(), t.ns(), t.name());
  if (!object) throw not_found(t.type.group, t.type.plural, t.name());
  return {200, served(t.type, *object), nullptr, {}};
}

Reply Api::list(const Target& t, const Call& call) {
  LabelSelector labels;
  FieldSelector fields;
  parse_or_bad_request([&] {
    labels = parse_label_selector(query_value(call, "labelSelector"));
    fields = parse_field_selector(query_value(call, "fieldSelector"));
  });
  json items = json::array();
  for (const json* object : store_.list(t.key(), t.ns())) {
    if (!labels.matches(*object) || !fields.matches(*object)) continue;
    json item = served(t.type, *object);
    if (t.type.crd_name.empty()) {
      // Items of built-in kinds are typed Go objects whose apiVersion and kind kube leaves
      // empty inside a list (the list names them); custom resources keep theirs.
      item.erase("apiVersion");
      item.erase("kind");
    }
    items.push_back(std::move(item));
  }
  json out = {{"kind", t.type.kind + "List"},
              {"apiVersion", t.type.group_version()},
              {"metadata", {{"resourceVersion", std::to_string(store_.current_rv())}}},
              {"items", items}};
  return {200, out, nullptr, {}};
}

Reply Api::watch(const Target& t, const Call& call) {
  auto stream = std::make_shared<WatchStream>();
  stream->api_ = this;
  stream->key_ = t.key();
  stream->ns_ = t.ns();
  stream->api_version_ = t.type.group_version();
  parse_or_bad_request([&] {
    stream->labels_ = parse_label_selector(query_value(call, "labelSelector"));
    stream->fields_ = parse_field_selector(query_value(call, "fieldSelector"));
    if (!t.name().empty()) stream->fields_.terms.push_back({"metadata.name", t.name(), false});
  });
  long timeout = 1800;
  std::string timeout_text = query_value(call, "timeoutSeconds");
  if (!timeout_text.empty()) timeout = std::clamp(std::atol(timeout_text.c_str()), 1L, 3600L);
  stream->deadline_ = std::chrono::steady_clock::now() + std::chrono::seconds(timeout);

  std::string rv = query_value(call, "resourceVersion");
  if (rv.empty() || rv == "0") {
    for (const json* object : store_.list(t.key(), t.ns())) {
      if (stream->labels_.matches(*object) && stream->fields_.matches(*object)) {
        stream->initial_ +=
            json({{"type", "ADDED"}, {"object", served(t.type, *object)}}).dump() + "\n";
      }
    }
    stream->cursor_ = store_.current_rv();
  } else {
    stream->cursor_ = std::atoll(rv.c_str());
    if (stream->cursor_ < store_.oldest_event_rv() - 1 && stream->cursor_ < store_.current_rv()) {
      json status = make_status(410, "Expired",
                                "too old resource version: " + rv + " (" +
                                    std::to_string(store_.oldest_event_rv()) + ")");
      stream->initial_ = json({{"type", "ERROR"}, {"object", status}}).dump() + "\n";
      stream->deadline_ = std::chrono::steady_clock::now();
    }
  }
  return {200, nullptr, stream, {}};
}

std::optional<std::string> WatchStream::next(std::chrono::milliseconds wait) {
  if (!initial_.empty()) return std::exchange(initial_, "");
  auto now = std::chrono::steady_clock::now();
  if (now >= deadline_ || api_->stopping_) return std::nullopt;
  std::unique_lock<std::mutex> lock(api_->mutex_);
  auto events = api_->store_.events_after(cursor_, key_);
  if (events.empty()) {
    api_->changed_.wait_for(lock,
                            std::min<std::chrono::steady_clock::duration>(wait, deadline_ - now));
    events = api_->store_.events_after(cursor_, key_);
  }
  std::string out;
  for (const auto& e : events) {
    cursor_ = e.rv;
    const auto& meta = e.object["metadata"];
    if (!ns_.empty() && meta.value("namespace", "") != ns_) continue;
    if (!labels_.matches(e.object) || !fields_.matches(e.object)) continue;
    json object = e.object;
    object["apiVersion"] = api_version_;
    out += json({{"type", e.type}, {"object", object}}).dump() + "\n";
  }
  return out;
}

void Api::after_crd_write(const json& crd) {
  std::string name = crd["metadata"].value("name", "");
  if (crd_established(crd)) {
    table_.set_custom(name, crd_types(crd));
    pending_crds_.erase(name);
  } else if (!pending_crds_.count(name)) {
    pending_crds_[name] = std::chrono::steady_clock::now() + options_.crd_establish_delay;
  }
}

void Api::after_crd_delete(const json& crd) {
  std::string name = crd["metadata"].value("name", "");
  pending_crds_.erase(name);
  table_.remove_custom(name);
  for (const auto& t : crd_types(crd)) {
    std::vector<std::pair<std::string, std::string>> ids;
    for (const json* object : store_.list(t.storage_key(), "")) {
      ids.emplace_back((*object)["metadata"].value("namespace", ""),
                       (*object)["metadata"].value("name", ""));
    }
    for (const auto& [ns, name] : ids) store_.erase(t.storage_key(), ns, name);
  }
}

void Api::run_crd_controller() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    auto wake = std::chrono::steady_clock::now() + std::chrono::seconds(1);
    for (const auto& [name, due] : pending_crds_) wake = std::min(wake, due);
    changed_.wait_until(lock, wake);
    auto now_time = std::chrono::steady_clock::now();
    std::vector<std::string> due_now;
    for (const auto& [name, due] : pending_crds_) {
      if (due <= now_time) due_now.push_back(name);
    }
    for (const auto& name : due_now) {
      pending_crds_.erase(name);
      const json* live = store_.get("apiextensions.k8s.io/customresourcedefinitions", "", name);
      if (!live) continue;
      json crd = *live;
      set_crd_status(crd, live, true, now());
      const json& stored = store_.put("apiextensions.k8s.io/customresourcedefinitions", crd);
      after_crd_write(stored);
      changed_.notify_all();
    }
  }
}

}  // namespace kta
