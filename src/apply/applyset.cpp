#include "apply/applyset.h"

#include "base/sha256.h"

#include <cctype>

#include "base/strings.h"
#include "kube/encoding.h"

namespace ks::apply {

namespace {

using nlohmann::json;

std::string dns_name(const std::string& text) {
  std::string out;
  for (char c : str::to_lower(text))
    out += std::isalnum(static_cast<unsigned char>(c)) || c == '-' ? c : '-';
  return out;
}

std::set<std::string> split_set(const std::string& text) {
  std::set<std::string> out;
  for (const std::string& s : str::split(text, ',')) {
    std::string t = str::trim(s);
    if (!t.empty()) out.insert(t);
  }
  return out;
}

std::string join_set(const std::set<std::string>& s) {
  return str::join({s.begin(), s.end()}, ",");
}

}  // namespace

std::string applyset_id(const std::string& name, const std::string& ns, const std::string& kind,
                        const std::string& group) {
  return "applyset-" +
         kube::base64url_unpadded(kube::sha256(name + "." + ns + "." + kind + "." + group)) + "-v1";
}

ApplySet make_applyset(const Identity& identity, const std::string& ns) {
  ApplySet set;
  set.parent_name = "ks." + dns_name(identity.app) + "." + dns_name(identity.env);
  set.parent_namespace = ns;
  set.id = applyset_id(set.parent_name, ns, "Secret", "");
  return set;
}

std::string label_value(const std::string& text) {
  std::string out;
  for (char c : text)
    out +=
        std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' ? c : '.';
  if (out.size() > 63) out.resize(63);
  while (!out.empty() && !std::isalnum(static_cast<unsigned char>(out.back()))) out.pop_back();
  size_t start = 0;
  while (start < out.size() && !std::isalnum(static_cast<unsigned char>(out[start]))) ++start;
  return out.substr(start);
}

json with_member_labels(json object, const ApplySet& set, const Identity& identity) {
  json& labels = object["metadata"]["labels"];
  if (!labels.is_object()) labels = json::object();
  labels[kPartOfLabel] = set.id;
  labels[kManagedByLabel] = "ks";
  labels[kAppLabel] = label_value(identity.app);
  labels[kEnvLabel] = label_value(identity.env);
  json& annotations = object["metadata"]["annotations"];
  if (!annotations.is_object()) annotations = json::object();
  annotations.erase(kAppliedDigestAnnotation);
  if (annotations.empty()) object["metadata"].erase("annotations");
  std::string digest = sha256::hex(sha256::digest(object.dump())).substr(0, 32);
  object["metadata"]["annotations"][kAppliedDigestAnnotation] = digest;
  return object;
}

bool is_member(const json& object, const ApplySet& set, const Identity& identity) {
  const json* labels = nullptr;
  if (object.contains("metadata") && object["metadata"].contains("labels"))
    labels = &object["metadata"]["labels"];
  if (!labels || !labels->is_object()) return false;
  return labels->value(kPartOfLabel, "") == set.id &&
         labels->value(kAppLabel, "") == label_value(identity.app) &&
         labels->value(kEnvLabel, "") == label_value(identity.env);
}

json parent_object(const ApplySet& set, const Identity& identity,
                   const std::set<std::string>& group_kinds,
                   const std::set<std::string>& namespaces) {
  std::set<std::string> extra = namespaces;
  extra.erase(set.parent_namespace);
  json meta = {{"name", set.parent_name},
               {"namespace", set.parent_namespace},
               {"labels",
                {{kIdLabel, set.id},
                 {kManagedByLabel, "ks"},
                 {kAppLabel, label_value(identity.app)},
                 {kEnvLabel, label_value(identity.env)}}},
               {"annotations",
                {{kToolingAnnotation, kTooling},
                 {kGroupKindsAnnotation, join_set(group_kinds)},
                 {kNamespacesAnnotation, join_set(extra)}}}};
  return {{"apiVersion", "v1"}, {"kind", "Secret"}, {"metadata", meta}};
}

ParentState parent_state(const json& live) {
  ParentState s;
  if (!live.is_object()) return s;
  s.exists = true;
  json annotations = live.contains("metadata")
                         ? live["metadata"].value("annotations", json::object())
                         : json::object();
  s.tooling = annotations.value(kToolingAnnotation, "");
  s.group_kinds = split_set(annotations.value(kGroupKindsAnnotation, ""));
  s.namespaces = split_set(annotations.value(kNamespacesAnnotation, ""));
  return s;
}

}  // namespace ks::apply
