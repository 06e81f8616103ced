// Writes: create, update, patch, server-side apply, delete, and the bookkeeping they share.
#include <algorithm>
#include <set>

#include "api.h"
#include "api_internal.h"
#include "base/error.h"
#include "base/strings.h"
#include "base/yaml.h"
#include "crds.h"
#include "names.h"
#include "protobuf.h"
#include "schema.h"
#include "ssa.h"
#include "status.h"

namespace kta {

namespace {

std::string media_type(const std::string& content_type) {
  auto semi = content_type.find(';');
  std::string t = content_type.substr(0, semi);
  t.erase(std::remove(t.begin(), t.end(), ' '), t.end());
  return t;
}

ApiError unknown_body_format(const std::string& type) {
  return ApiError(make_status(415, "UnsupportedMediaType",
                              "the body of the request was in an unknown format - accepted media "
                              "types include: application/json, application/yaml",
                              {{"causes", {{{"message", type}}}}}));
}

// Whether a POST/PUT body is YAML (else JSON). Other media types are answered 415, as
// kube-apiserver answers one it has no serializer for (protobuf: see parse_body).
bool yaml_body(const Call& call) {
  std::string type = media_type(call.content_type);
  if (type.empty() || type == "application/json" || type == "*/*") return false;
  if (type == "application/yaml") return true;
  throw unknown_body_format(type);
}

// The typed decoding of a POST/PUT body as kube-apiserver does it: a value of the wrong type is
// always a 400; unknown fields are a 400 under fieldValidation=Strict, dropped with a warning
// under Warn (the default), dropped silently under Ignore.
std::vector<std::string> decode_typed(const Api::Target& t, const Call& call, json& body) {
  std::vector<FieldProblem> problems = schema_problems(t.type.group, t.type.kind, body);
  std::string prefix = t.type.kind + " in version \"" + t.type.version +
                       "\" cannot be handled as a " + t.type.kind + ": ";
  std::vector<std::string> unknown;
  for (const FieldProblem& p : problems) {
    if (!p.unknown)
      throw bad_request(prefix + "json: cannot unmarshal " + p.go_got + " into Go struct field " +
                        t.type.kind + "." + p.go_path + " of type " + p.go_expected);
    unknown.push_back("unknown field \"" + p.path + "\"");
  }
  if (unknown.empty()) return {};
  std::string mode = query_value(call, "fieldValidation");
  if (mode == "Strict")
    throw bad_request(prefix + "strict decoding error: " + ks::str::join(unknown, ", "));
  drop_unknown_fields(body, problems);
  if (mode == "Ignore") return {};
  return unknown;
}

// What decoding into kube's typed objects does besides validation: empty maps of `omitempty`
// fields vanish (a ConfigMap's `data: {}`), and a Secret without a type is Opaque.
void decode_defaults(const Api::Target& t, json& object) {
  if (!t.type.group.empty() || !t.type.crd_name.empty()) return;
  if (t.type.kind == "ConfigMap" || t.type.kind == "Secret") {
    for (const char* k : {"data", "binaryData", "stringData"}) {
      auto it = object.find(k);
      if (it != object.end() && (it->is_null() || (it->is_object() && it->empty())))
        object.erase(it);
    }
  }
  if (t.type.kind == "Secret" && (!object.contains("type") || object["type"] == "")) {
    object["type"] = "Opaque";
  }
}

// Server-side apply converts the body to its typed form first; any field outside the schema
// fails that conversion, whatever fieldValidation says, as a plain (500) error without a reason.
// Kube names the object by the patch's own namespace and name (`/typo` when it sets none).
void check_typed_apply(const Api::Target& t, const json& config) {
  std::vector<FieldProblem> problems = schema_problems(t.type.group, t.type.kind, config);
  if (problems.empty()) return;
  const FieldProblem& p = problems.front();
  const json& meta = config["metadata"];
  std::string ns = meta.contains("namespace") && meta["namespace"].is_string()
                       ? meta["namespace"].get<std::string>()
                       : "";
  std::string where = ns + "/" + t.name();
  std::string gv = t.type.group.empty() ? "/" + t.type.version : t.type.group_version();
  json status = make_status(500, "",
                            "failed to create typed patch object (" + where + "; " + gv +
                                ", Kind=" + t.type.kind + "): ." + p.path +
                                (p.unknown ? ": field not declared in schema"
                                           : ": expected " + p.smd_expected + ", got " + p.got));
  status.erase("reason");
  throw ApiError(status);
}

json parse_object(const std::string& body, bool allow_yaml);

// A POST/PUT body: JSON, YAML, or the protobuf kubectl sends for the kinds protobuf.h reads
// (Namespace, ConfigMap, Secret); other protobuf bodies get the 415 (kubectl does not fall back to
// JSON).
json parse_body(const Call& call) {
  if (media_type(call.content_type) == "application/vnd.kubernetes.protobuf") {
    std::optional<json> decoded = decode_kube_protobuf(call.body);
    if (!decoded) throw unknown_body_format(media_type(call.content_type));
    return *decoded;
  }
  return parse_object(call.body, yaml_body(call));
}

json parse_object(const std::string& body, bool allow_yaml) {
  json out;
  try {
    out = json::parse(body);
  } catch (const json::exception& e) {
    if (!allow_yaml)
      throw bad_request(std::string("couldn't get version/kind; json parse error: ") + e.what());
    try {
      out = ks::yaml::parse(body, "request body");
    } catch (const ks::Error& ye) {
      throw bad_request(std::string("error decoding YAML: ") + ye.what());
    }
  }
  if (!out.is_object()) throw bad_request("the body of the request must be an object");
  if (!out.contains("metadata") || out["metadata"].is_null()) out["metadata"] = json::object();
  if (!out["metadata"].is_object()) throw bad_request("metadata must be an object");
  return out;
}

bool dry_run(const Call& call) {
  std::string v = query_value(call, "dryRun");
  if (v.empty()) return false;
  if (v != "All") {
    throw bad_request("Invalid dryRun value: dryRun: Unsupported value: \"" + v +
                      "\": supported values: \"All\"");
  }
  return true;
}

std::string field_manager(const Call& call) {
  std::string m = query_value(call, "fieldManager");
  if (!m.empty()) return m;
  std::string ua = call.user_agent.substr(0, call.user_agent.find('/'));
  return ua.empty() ? "unknown" : ua;
}

json without_managed_fields(json object) {
  if (object.contains("metadata")) object["metadata"].erase("managedFields");
  return object;
}

Managers managers_of(const json& object) {
  if (!object.contains("metadata") || !object["metadata"].contains("managedFields")) return {};
  try {
    return decode_managed_fields(object["metadata"]["managedFields"]);
  } catch (const ks::Error& e) {
    throw bad_request(e.what());
  }
}

void set_managers(json& object, const Managers& managers) {
  if (managers.empty()) {
    object["metadata"].erase("managedFields");
  } else {
    object["metadata"]["managedFields"] = encode_managed_fields(managers);
  }
}

// Container and service ports default their protocol to TCP, as kube's defaulting does.
void default_ports(json& node) {
  if (node.is_object()) {
    for (auto& [k, v] : node.items()) {
      if (k == "ports" && v.is_array()) {
        for (auto& p : v) {
          if (p.is_object() && (p.contains("containerPort") || p.contains("port")) &&
              !p.contains("protocol")) {
            p["protocol"] = "TCP";
          }
        }
      }
      default_ports(v);
    }
  } else if (node.is_array()) {
    for (auto& v : node) default_ports(v);
  }
}

json content_of(const json& object) {
  json out = object;
  out.erase("metadata");
  out.erase("status");
  out.erase("apiVersion");
  out.erase("kind");
  return out;
}

void check_resource_version(const Api::Target& t, const json& body, const json& live) {
  std::string want = body["metadata"].value("resourceVersion", "");
  if (!want.empty() && want != live["metadata"].value("resourceVersion", "")) {
    throw rv_conflict(t.type.group, t.type.plural, t.name());
  }
}

void check_identity(const Api::Target& t, json& body) {
  auto& meta = body["metadata"];
  std::string name = meta.value("name", "");
  if (!name.empty() && name != t.name()) {
    throw bad_request("the name of the object (" + name + ") does not match the name on the URL (" +
                      t.name() + ")");
  }
  std::string ns = meta.value("namespace", "");
  if (t.type.namespaced && !ns.empty() && ns != t.ns()) {
    throw bad_request(
        "the namespace of the provided object does not match the namespace sent on the request");
  }
}

}  // namespace

void Api::require_namespace(const Target& t) const {
  if (!t.type.namespaced) return;
  if (!store_.get("/namespaces", "", t.ns())) throw not_found("", "namespaces", t.ns());
}

void Api::validate_new_name(const Target& t, const std::string& name) const {
  std::string problem = name_problem(name, t.type.name_rule);
  if (!problem.empty()) throw invalid(t.type.group, t.type.kind, name, "metadata.name", problem);
}

json Api::commit(const Target& t, const json* live, json object, bool dry, bool* changed) {
  if (changed) *changed = false;
  object["apiVersion"] = t.type.group_version();
  object["kind"] = t.type.kind;
  auto& meta = object["metadata"];
  meta["name"] = t.name();
  if (t.type.namespaced) {
    meta["namespace"] = t.ns();
  } else {
    meta.erase("namespace");
  }
  for (const char* k : {"selfLink", "resourceVersion"}) meta.erase(k);
  for (const char* k : {"labels", "annotations", "finalizers", "ownerReferences"}) {
    if (meta.contains(k) && (meta[k].is_null() || meta[k].empty())) meta.erase(k);
  }
  if (live) {
    const auto& old = (*live)["metadata"];
    for (const char* k : {"uid", "creationTimestamp", "deletionTimestamp", "resourceVersion"}) {
      if (old.contains(k)) {
        meta[k] = old[k];
      } else {
        meta.erase(k);
      }
    }
  } else {
    meta["uid"] = new_uid();
    meta["creationTimestamp"] = now();
    meta.erase("deletionTimestamp");
  }
  if (t.type.has_generation) {
    long long gen = live ? (*live)["metadata"].value("generation", 1LL) : 1LL;
    if (live && content_of(*live) != content_of(object)) ++gen;
    meta["generation"] = gen;
  } else {
    meta.erase("generation");
  }
  if (t.type.crd_name.empty()) default_ports(object);
  decode_defaults(t, object);
  if (t.type.kind == "Namespace" && t.type.group.empty()) {
    meta["labels"]["kubernetes.io/metadata.name"] = t.name();
    object["spec"]["finalizers"] = json::array({"kubernetes"});
    if (!object.contains("status")) object["status"] = {{"phase", "Active"}};
  }
  if (t.type.kind == "CustomResourceDefinition" && t.type.group == "apiextensions.k8s.io") {
    validate_crd(object);
    bool established =
        options_.crd_establish_delay.count() == 0 || (live && crd_established(*live));
    set_crd_status(object, live, established, now());
  }
  if (live && object == *live) return *live;
  if (changed) *changed = true;
  if (dry) return object;
  bool finalizing = meta.contains("deletionTimestamp") &&
                    (!meta.contains("finalizers") || meta["finalizers"].empty());
  if (finalizing) {
    json gone = store_.erase(t.key(), t.ns(), t.name());
    changed_.notify_all();
    return gone;
  }
  const json& stored = store_.put(t.key(), std::move(object));
  if (t.type.kind == "CustomResourceDefinition") after_crd_write(stored);
  changed_.notify_all();
  return stored;
}

Reply Api::create(const Target& target, const Call& call) {
  bool dry = dry_run(call);
  json body = parse_body(call);
  std::string api_version = body.value("apiVersion", "");
  if (!api_version.empty() && api_version != target.type.group_version()) {
    throw bad_request("the API version in the data (" + api_version +
                      ") does not match the expected API version (" + target.type.group_version() +
                      ")");
  }
  auto& meta = body["metadata"];
  std::string ns = meta.value("namespace", "");
  if (target.type.namespaced && !ns.empty() && ns != target.ns()) {
    throw bad_request(
        "the namespace of the provided object does not match the namespace sent on the request");
  }
  std::string name = meta.value("name", "");
  if (name.empty() && !meta.value("generateName", "").empty()) {
    name = meta.value("generateName", "") + random_suffix(5);
  }
  Target t = target;
  t.path.name = name;
  validate_new_name(t, name);
  require_namespace(t);
  if (store_.get(t.key(), t.ns(), name)) throw already_exists(t.type.group, t.type.plural, name);
  std::vector<std::string> warnings = decode_typed(t, call, body);
  decode_defaults(t, body);
  if (t.type.has_status && t.type.kind != "Namespace") body.erase("status");

  Managers managers = managers_of(body);
  if (managers.empty()) {
    WriteRequest req{field_manager(call), t.type.group_version(), now(), false};
    managers =
        record_update(json::object(), without_managed_fields(body), {}, req, t.type.ssa_schema())
            .managers;
  }
  set_managers(body, managers);
  return {201, served(t.type, commit(t, nullptr, std::move(body), dry)), nullptr, warnings};
}

Reply Api::update(const Target& t, const Call& call) {
  bool dry = dry_run(call);
  const json* live = store_.get(t.key(), t.ns(), t.name());
  if (!live) throw not_found(t.type.group, t.type.plural, t.name());
  json body = parse_body(call);
  check_identity(t, body);
  check_resource_version(t, body, *live);
  std::vector<std::string> warnings = decode_typed(t, call, body);
  decode_defaults(t, body);
  if (t.path.subresource == "status") {
    json next = *live;
    if (body.contains("status")) {
      next["status"] = body["status"];
    } else {
      next.erase("status");
    }
    return {200, served(t.type, commit(t, live, std::move(next), dry)), nullptr, {}};
  }
  if (t.type.has_status) {
    if (live->contains("status")) {
      body["status"] = (*live)["status"];
    } else {
      body.erase("status");
    }
  }
  Managers given = managers_of(body);
  Managers managers = managers_of(*live);
  if (given.empty() || encode_managed_fields(given) == encode_managed_fields(managers)) {
    WriteRequest req{field_manager(call), t.type.group_version(), now(), false};
    managers = record_update(without_managed_fields(*live), without_managed_fields(body), managers,
                             req, t.type.ssa_schema())
                   .managers;
  } else {
    managers = given;
  }
  set_managers(body, managers);
  return {200, served(t.type, commit(t, live, std::move(body), dry)), nullptr, warnings};
}

Reply Api::patch(const Target& t, const Call& call) {
  std::string type = media_type(call.content_type);
  if (type == "application/apply-patch+yaml") {
    return apply(t, call, parse_object(call.body, true));
  }
  if (!query_value(call, "force").empty()) {
    throw ApiError(make_status(
        422, "Invalid",
        "PatchOptions.meta.k8s.io \"\" is invalid: force: Forbidden: may not be specified for "
        "non-apply patch",
        {{"group", "meta.k8s.io"},
         {"kind", "PatchOptions"},
         {"causes",
          {{{"reason", "FieldValueForbidden"},
            {"message", "Forbidden: may not be specified for non-apply patch"},
            {"field", "force"}}}}}));
  }
  bool merge =
      type == "application/merge-patch+json" || type == "application/strategic-merge-patch+json";
  if (!merge && type != "application/json-patch+json") throw unsupported_media_type(type);
  bool dry = dry_run(call);
  const json* live = store_.get(t.key(), t.ns(), t.name());
  if (!live) throw not_found(t.type.group, t.type.plural, t.name());
  json patch_body;
  try {
    patch_body = json::parse(call.body);
  } catch (const json::exception& e) {
    throw bad_request(std::string("error decoding patch: ") + e.what());
  }
  json next = without_managed_fields(*live);
  try {
    if (merge) {
      if (!patch_body.is_object()) throw bad_request("merge patch must be a JSON object");
      next.merge_patch(patch_body);
    } else {
      next = next.patch(patch_body);
    }
  } catch (const json::exception& e) {
    throw ApiError(make_status(
        422, "Invalid",
        std::string("the server rejected our request due to an error in our request: ") +
            e.what()));
  }
  if (!next.contains("metadata") || !next["metadata"].is_object())
    next["metadata"] = json::object();
  if (next["metadata"].value("name", "") != t.name()) {
    throw bad_request("metadata.name: Invalid value: the name of the object may not be changed");
  }
  if (merge && patch_body.contains("metadata") && patch_body["metadata"].is_object()) {
    check_resource_version(t, patch_body, *live);
  }
  if (t.type.has_status && t.path.subresource.empty()) {
    if (live->contains("status")) {
      next["status"] = (*live)["status"];
    } else {
      next.erase("status");
    }
  }
  next["metadata"]["resourceVersion"] = (*live)["metadata"].value("resourceVersion", "");
  WriteRequest req{field_manager(call), t.type.group_version(), now(), false};
  Managers managers = record_update(without_managed_fields(*live), next, managers_of(*live), req,
                                    t.type.ssa_schema())
                          .managers;
  set_managers(next, managers);
  return {200, served(t.type, commit(t, live, std::move(next), dry)), nullptr, {}};
}

Reply Api::apply(const Target& t, const Call& call, json config) {
  std::string manager = query_value(call, "fieldManager");
  if (manager.empty()) {
    throw ApiError(make_status(
        422, "Invalid",
        "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for "
        "apply patch",
        {{"group", "meta.k8s.io"},
         {"kind", "PatchOptions"},
         {"causes",
          {{{"reason", "FieldValueRequired"},
            {"message", "Required value: is required for apply patch"},
            {"field", "fieldManager"}}}}}));
  }
  bool dry = dry_run(call);
  bool force = query_value(call, "force") == "true";
  if (config["metadata"].contains("managedFields") &&
      !config["metadata"]["managedFields"].is_null()) {
    throw bad_request("metadata.managedFields must be nil");
  }
  std::string api_version = config.value("apiVersion", "");
  if (api_version != t.type.group_version()) {
    throw bad_request("Incorrect version specified in apply patch. Specified patch version: " +
                      api_version + ", expected: " + t.type.group_version());
  }
  std::string kind = config.value("kind", "");
  if (kind != t.type.kind) {
    throw bad_request("Incorrect kind specified in apply patch. Specified patch kind: " + kind +
                      ", expected: " + t.type.kind);
  }
  check_identity(t, config);
  check_typed_apply(t, config);
  const json* live = store_.get(t.key(), t.ns(), t.name());
  if (live) check_resource_version(t, config, *live);
  auto& meta = config["metadata"];
  for (const char* k : {"uid", "creationTimestamp", "generation", "resourceVersion", "selfLink",
                        "managedFields", "deletionTimestamp"}) {
    meta.erase(k);
  }
  meta["name"] = t.name();
  if (t.type.namespaced) meta["namespace"] = t.ns();
  if (t.type.has_status && t.path.subresource.empty()) config.erase("status");
  if (!live) {
    validate_new_name(t, t.name());
    require_namespace(t);
  }

  WriteRequest req{manager, t.type.group_version(), now(), force};
  json live_content = live ? without_managed_fields(*live) : json::object();
  WriteResult result = server_side_apply(live_content, live ? managers_of(*live) : Managers{},
                                         config, req, t.type.ssa_schema());
  if (!result.conflicts.empty()) {
    json causes = json::array();
    for (const auto& c : result.conflicts) {
      causes.push_back({{"reason", "FieldManagerConflict"},
                        {"message", "conflict with " + c.manager},
                        {"field", path_string(c.path)}});
    }
    throw ApiError(
        make_status(409, "Conflict", conflict_message(result.conflicts), {{"causes", causes}}));
  }
  set_managers(result.object, result.managers);
  json out = commit(t, live, std::move(result.object), dry);
  return {live ? 200 : 201, served(t.type, std::move(out)), nullptr, {}};
}

json Api::delete_object(const Target& t, const json& live, const std::string& propagation, bool dry,
                        bool* deleted) {
  *deleted = false;
  const auto& meta = live["metadata"];
  bool has_finalizers = meta.contains("finalizers") && !meta["finalizers"].empty();
  if (has_finalizers) {
    if (meta.contains("deletionTimestamp")) return live;
    json marked = live;
    marked["metadata"]["deletionTimestamp"] = now();
    if (dry) return marked;
    return store_.put(t.key(), std::move(marked));
  }
  *deleted = true;
  if (dry) return live;
  std::string uid = meta.value("uid", "");
  if (t.type.kind == "Namespace" && t.type.group.empty()) delete_namespace_contents(t.name());
  json gone = store_.erase(t.key(), t.ns(), t.name());
  if (t.type.kind == "CustomResourceDefinition") after_crd_delete(gone);
  collect_garbage(uid, propagation);
  changed_.notify_all();
  return gone;
}

void Api::delete_namespace_contents(const std::string& ns) {
  for (const auto& key : store_.keys_in_namespace(ns)) {
    std::vector<std::string> names;
    for (const json* object : store_.list(key, ns)) names.push_back((*object)["metadata"]["name"]);
    for (const auto& name : names) store_.erase(key, ns, name);
  }
}

void Api::collect_garbage(const std::string& owner_uid, const std::string& propagation) {
  if (owner_uid.empty()) return;
  std::vector<std::pair<Target, json>> dependents;
  std::set<std::string> seen_keys;
  for (const ResourceType* type : table_.all()) {
    if (!seen_keys.insert(type->storage_key()).second) continue;
    for (const json* object : store_.list(type->storage_key(), "")) {
      const auto& meta = (*object)["metadata"];
      for (const auto& ref : meta.value("ownerReferences", json::array())) {
        if (ref.value("uid", "") != owner_uid) continue;
        Target t{*type, ApiPath{}, type->storage_key()};
        t.path.ns = meta.value("namespace", "");
        t.path.name = meta.value("name", "");
        dependents.emplace_back(t, *object);
        break;
      }
    }
  }
  for (auto& [t, object] : dependents) {
    const json* live = store_.get(t.key(), t.ns(), t.name());
    if (!live) continue;
    if (propagation == "Orphan") {
      json refs = json::array();
      for (const auto& ref : object["metadata"]["ownerReferences"]) {
        if (ref.value("uid", "") != owner_uid) refs.push_back(ref);
      }
      object["metadata"]["ownerReferences"] = refs;
      commit(t, live, std::move(object), false);
    } else {
      bool deleted = false;
      delete_object(t, object, propagation, false, &deleted);
    }
  }
}

Reply Api::remove(const Target& t, const Call& call) {
  bool dry = dry_run(call);
  json options = json::object();
  if (!ks::str::trim(call.body).empty()) {
    try {
      options = json::parse(call.body);
    } catch (const json::exception& e) {
      throw bad_request(std::string("error decoding DeleteOptions: ") + e.what());
    }
  }
  if (options.contains("dryRun") && options["dryRun"].is_array()) {
    for (const auto& v : options["dryRun"]) dry = dry || v == "All";
  }
  std::string propagation =
      options.value("propagationPolicy", query_value(call, "propagationPolicy"));
  if (propagation.empty()) propagation = "Background";
  const json* live = store_.get(t.key(), t.ns(), t.name());
  if (!live) throw not_found(t.type.group, t.type.plural, t.name());
  if (options.contains("preconditions") && options["preconditions"].is_object()) {
    const auto& pre = options["preconditions"];
    std::string rv = pre.value("resourceVersion", "");
    std::string uid = pre.value("uid", "");
    const auto& meta = (*live)["metadata"];
    if ((!rv.empty() && rv != meta.value("resourceVersion", "")) ||
        (!uid.empty() && uid != meta.value("uid", ""))) {
      throw rv_conflict(t.type.group, t.type.plural, t.name());
    }
  }
  bool is_namespace = t.type.kind == "Namespace" && t.type.group.empty();
  if (is_namespace &&
      (t.name() == "default" || t.name() == "kube-system" || t.name() == "kube-public")) {
    throw ApiError(make_status(
        403, "Forbidden",
        "namespaces \"" + t.name() + "\" is forbidden: this namespace may not be deleted",
        {{"name", t.name()}, {"kind", "namespaces"}}));
  }
  json live_copy = *live;
  bool deleted = false;
  json result = delete_object(t, live_copy, propagation, dry, &deleted);
  if (!deleted) return {200, served(t.type, result), nullptr, {}};
  if (is_namespace) {
    result["status"]["phase"] = "Terminating";
    result["metadata"]["deletionTimestamp"] = now();
    return {200, served(t.type, result), nullptr, {}};
  }
  return {
      200,
      success_status(t.type.group, t.type.plural, t.name(), live_copy["metadata"].value("uid", "")),
      nullptr,
      {}};
}

Reply Api::remove_collection(const Target& t, const Call& call) {
  bool dry = dry_run(call);
  Reply listed = list(t, call);
  for (const auto& item : listed.body["items"]) {
    Target one = t;
    one.path.ns = item["metadata"].value("namespace", "");
    one.path.name = item["metadata"].value("name", "");
    bool deleted = false;
    delete_object(one, item, "Background", dry, &deleted);
  }
  return listed;
}

}  // namespace kta
