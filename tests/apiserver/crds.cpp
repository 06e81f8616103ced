#include "crds.h"

#include <algorithm>

#include "status.h"

namespace kta {

namespace {

const json& spec_of(const json& crd) {
  static const json empty = json::object();
  auto it = crd.find("spec");
  return it != crd.end() && it->is_object() ? *it : empty;
}

json condition(const std::string& type, const std::string& status, const std::string& reason,
               const std::string& message, const json* live, const std::string& now) {
  std::string when = now;
  if (live && live->contains("status")) {
    for (const auto& c : (*live)["status"].value("conditions", json::array())) {
      if (c.value("type", "") == type && c.value("status", "") == status) {
        when = c.value("lastTransitionTime", now);
      }
    }
  }
  return {{"type", type},
          {"status", status},
          {"reason", reason},
          {"message", message},
          {"lastTransitionTime", when}};
}

}  // namespace

void validate_crd(const json& crd) {
  const json& spec = spec_of(crd);
  std::string name = crd["metadata"].value("name", "");
  auto fail = [&](const std::string& field, const std::string& detail) {
    throw invalid("apiextensions.k8s.io", "CustomResourceDefinition", name, field, detail);
  };
  std::string group = spec.value("group", "");
  if (group.empty()) fail("spec.group", "Required value");
  const json names = spec.value("names", json::object());
  std::string plural = names.value("plural", "");
  if (plural.empty()) fail("spec.names.plural", "Required value");
  if (names.value("kind", "").empty()) fail("spec.names.kind", "Required value");
  if (name != plural + "." + group) {
    fail("metadata.name",
         "Invalid value: \"" + name + "\": must be spec.names.plural+\".\"+spec.group");
  }
  std::string scope = spec.value("scope", "");
  if (scope != "Namespaced" && scope != "Cluster") {
    fail("spec.scope",
         "Unsupported value: \"" + scope + "\": supported values: \"Cluster\", \"Namespaced\"");
  }
  if (!spec.contains("versions") || !spec["versions"].is_array() || spec["versions"].empty()) {
    fail("spec.versions",
         "Invalid value: null: must have exactly one version marked as storage version");
  }
  int storage = 0;
  for (const auto& v : spec["versions"]) storage += v.value("storage", false) ? 1 : 0;
  if (storage != 1) {
    fail("spec.versions", "Invalid value: " + spec["versions"].dump() +
                              ": must have exactly one version marked as storage version");
  }
}

std::vector<ResourceType> crd_types(const json& crd) {
  const json& spec = spec_of(crd);
  const json names = spec.value("names", json::object());
  std::vector<ResourceType> out;
  for (const auto& v : spec.value("versions", json::array())) {
    if (!v.value("served", true)) continue;
    ResourceType t;
    t.group = spec.value("group", "");
    t.version = v.value("name", "");
    t.kind = names.value("kind", "");
    t.plural = names.value("plural", "");
    std::string singular = names.value("singular", "");
    if (singular.empty()) {
      singular = t.kind;
      for (auto& c : singular) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    t.singular = singular;
    t.short_names = names.value("shortNames", std::vector<std::string>{});
    t.categories = names.value("categories", std::vector<std::string>{});
    t.namespaced = spec.value("scope", "Namespaced") == "Namespaced";
    json sub = v.value("subresources", json::object());
    t.has_status = sub.is_object() && sub.contains("status");
    t.has_generation = true;
    t.name_rule = NameRule::Subdomain;
    if (v.contains("schema") && v["schema"].contains("openAPIV3Schema")) {
      t.schema = v["schema"]["openAPIV3Schema"];
    }
    t.crd_name = crd["metadata"].value("name", "");
    out.push_back(std::move(t));
  }
  return out;
}

void set_crd_status(json& crd, const json* live, bool established, const std::string& now) {
  const json& spec = spec_of(crd);
  json status = json::object();
  status["acceptedNames"] = spec.value("names", json::object());
  json stored = json::array();
  if (live && live->contains("status"))
    stored = (*live)["status"].value("storedVersions", json::array());
  for (const auto& v : spec.value("versions", json::array())) {
    if (v.value("storage", false)) {
      std::string name = v.value("name", "");
      if (std::find(stored.begin(), stored.end(), json(name)) == stored.end())
        stored.push_back(name);
    }
  }
  status["storedVersions"] = stored;
  json conditions = json::array();
  conditions.push_back(
      condition("NamesAccepted", "True", "NoConflicts", "no conflicts found", live, now));
  if (established) {
    conditions.push_back(condition("Established", "True", "InitialNamesAccepted",
                                   "the initial names have been accepted", live, now));
  } else {
    conditions.push_back(condition("Established", "False", "Installing",
                                   "the initial names have been accepted", live, now));
  }
  status["conditions"] = conditions;
  crd["status"] = status;
}

bool crd_established(const json& crd) {
  if (!crd.contains("status")) return false;
  for (const auto& c : crd["status"].value("conditions", json::array())) {
    if (c.value("type", "") == "Established" && c.value("status", "") == "True") return true;
  }
  return false;
}

}  // namespace kta
