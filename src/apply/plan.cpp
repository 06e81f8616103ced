#include "apply/plan.h"

namespace ks::apply {

namespace {

using nlohmann::json;

const DefinedKind* defined_kind(const std::vector<DefinedKind>& kinds, const kube::ObjectRef& ref) {
  for (const DefinedKind& k : kinds)
    if (k.group == ref.group() && k.kind == ref.kind)
      for (const std::string& v : k.versions)
        if (v == ref.version()) return &k;
  return nullptr;
}

void set_scope(PlannedObject& p, bool namespaced, const std::string& default_ns) {
  json& meta = p.object["metadata"];
  if (namespaced) {
    if (meta.value("namespace", "").empty()) meta["namespace"] = default_ns;
  } else {
    meta.erase("namespace");
  }
  p.ref = kube::ref_of(p.object);
  p.tier = tier_of(p.ref.group(), p.ref.kind, namespaced);
}

}  // namespace

std::vector<DefinedKind> kinds_defined_by_crds(const std::vector<json>& objects) {
  std::vector<DefinedKind> out;
  for (const json& o : objects) {
    if (!o.is_object() || o.value("kind", "") != "CustomResourceDefinition" ||
        kube::group_of(o.value("apiVersion", "")) != "apiextensions.k8s.io")
      continue;
    json spec = o.value("spec", json::object());
    json names = spec.value("names", json::object());
    DefinedKind k;
    k.group = spec.value("group", "");
    k.kind = names.value("kind", "");
    k.resource = names.value("plural", "");
    k.namespaced = spec.value("scope", "Namespaced") == "Namespaced";
    k.crd_name = o.contains("metadata") ? o["metadata"].value("name", "") : "";
    for (const json& v : spec.value("versions", json::array()))
      if (v.value("served", true)) k.versions.push_back(v.value("name", ""));
    if (spec.contains("version")) k.versions.push_back(spec.value("version", ""));
    out.push_back(std::move(k));
  }
  return out;
}

std::vector<PlannedObject> plan_objects(kube::Session& session, const std::vector<json>& objects) {
  std::vector<DefinedKind> crd_kinds = kinds_defined_by_crds(objects);
  std::vector<PlannedObject> plan;
  for (size_t i = 0; i < objects.size(); ++i) {
    PlannedObject p;
    p.object = objects[i];
    p.ref = kube::ref_of(p.object);
    if (!p.object.is_object() || p.ref.api_version.empty() || p.ref.kind.empty() ||
        p.ref.name.empty()) {
      p.error = "object " + std::to_string(i + 1) + " needs apiVersion, kind and metadata.name";
      plan.push_back(std::move(p));
      continue;
    }
    const DefinedKind* from_crd = defined_kind(crd_kinds, p.ref);
    std::optional<kube::ResourceInfo> res;
    if (from_crd) {
      // Do not force a discovery refresh for kinds the same set defines: they may not exist yet.
      res = session.discovery().find_group_kind(p.ref.group(), p.ref.kind);
      if (res && res->version != p.ref.version())
        res = session.discovery().find(p.ref.api_version, p.ref.kind);
    } else {
      res = session.discovery().find(p.ref.api_version, p.ref.kind);
    }
    if (res) {
      p.resource = res;
      set_scope(p, res->namespaced, session.default_namespace());
    } else if (from_crd) {
      p.awaits_crd = true;
      set_scope(p, from_crd->namespaced, session.default_namespace());
    } else {
      p.error = "the server " + session.http().server() + " does not serve kind " + p.ref.kind +
                " in apiVersion " + p.ref.api_version + " (is its CRD installed?)";
    }
    plan.push_back(std::move(p));
  }
  return plan;
}

void resolve_awaiting(kube::Session& session, std::vector<PlannedObject>& plan) {
  for (PlannedObject& p : plan) {
    if (!p.awaits_crd || p.resource) continue;
    if (auto res = session.discovery().find_group_kind(p.ref.group(), p.ref.kind)) {
      if (res->version != p.ref.version())
        res = session.discovery().find(p.ref.api_version, p.ref.kind);
      if (res) {
        p.resource = res;
        set_scope(p, res->namespaced, session.default_namespace());
      }
    }
  }
}

std::string path_of(const PlannedObject& p) {
  return kube::object_path(*p.resource, p.ref.namespace_, p.ref.name);
}

}  // namespace ks::apply
