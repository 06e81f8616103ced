#include "apply/object_names.h"

#include <regex>
#include <set>

#include "base/error.h"
#include "base/strings.h"

namespace ks::apply {

namespace {

using nlohmann::json;

std::string in_quotes(const std::string& s) {
  return "\"" + s + "\"";
}

// Built-in kinds whose names are DNS-1123 subdomains (apimachinery NameIsDNSSubdomain).
const std::set<std::string> kSubdomainKinds = {
    "ConfigMap",
    "Secret",
    "ServiceAccount",
    "PersistentVolumeClaim",
    "PersistentVolume",
    "Pod",
    "PodTemplate",
    "Endpoints",
    "ReplicationController",
    "LimitRange",
    "ResourceQuota",
    "Deployment.apps",
    "StatefulSet.apps",
    "DaemonSet.apps",
    "ReplicaSet.apps",
    "ControllerRevision.apps",
    "Job.batch",
    "CronJob.batch",
    "Ingress.networking.k8s.io",
    "IngressClass.networking.k8s.io",
    "NetworkPolicy.networking.k8s.io",
    "StorageClass.storage.k8s.io",
    "PodDisruptionBudget.policy",
    "HorizontalPodAutoscaler.autoscaling",
    "CustomResourceDefinition.apiextensions.k8s.io",
    "PriorityClass.scheduling.k8s.io",
};

// One of the API server's DNS name rules: its pattern, length limit and message.
struct DnsRule {
  std::regex pattern;
  size_t max_length;
  const char* message;
};

std::string dns_problem(const std::string& name, const DnsRule& rule) {
  if (name.size() > rule.max_length)
    return "must be no more than " + std::to_string(rule.max_length) + " characters";
  return std::regex_match(name, rule.pattern) ? "" : rule.message;
}

std::string subdomain_problem(const std::string& name) {
  static const DnsRule rule{
      std::regex("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*"), 253,
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' "
      "or '.', and must start and end with an alphanumeric character"};
  return dns_problem(name, rule);
}

std::string label_problem(const std::string& name) {
  static const DnsRule rule{
      std::regex("[a-z0-9]([-a-z0-9]*[a-z0-9])?"), 63,
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', "
      "and must start and end with an alphanumeric character"};
  return dns_problem(name, rule);
}

std::string dns1035_problem(const std::string& name) {
  static const DnsRule rule{
      std::regex("[a-z]([-a-z0-9]*[a-z0-9])?"), 63,
      "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with "
      "an alphabetic character, and end with an alphanumeric character"};
  return dns_problem(name, rule);
}

// apimachinery's path.IsValidPathSegmentName, which client-go checks for every named request.
std::string path_segment_problem(const std::string& name) {
  if (name == "." || name == "..") return "may not be '" + name + "'";
  for (const char* bad : {"/", "%"})
    if (name.find(bad) != std::string::npos) return std::string("may not contain '") + bad + "'";
  return "";
}

std::string string_at(const json& o, const char* key) {
  auto it = o.find(key);
  return it != o.end() && it->is_string() ? it->get<std::string>() : "";
}

}  // namespace

std::string addressing_problem(const json& o) {
  if (!o.is_object()) return "is not an object";
  std::string api_version = string_at(o, "apiVersion"), kind = string_at(o, "kind");
  if (api_version.empty() || kind.empty()) return "needs apiVersion and kind";
  auto meta = o.find("metadata");
  if (meta == o.end() || !meta->is_object()) return "needs metadata.name";
  std::string name = string_at(*meta, "name");
  if (name.empty())
    return string_at(*meta, "generateName").empty()
               ? "needs metadata.name"
               : "has only metadata.generateName; server-side apply needs metadata.name";
  if (std::string why = name_problem(name, name_rule_of(kube::group_of(api_version), kind));
      !why.empty())
    return "metadata.name " + in_quotes(name) + " " + why;
  if (meta->contains("namespace") && !(*meta)["namespace"].is_string())
    return "metadata.namespace is not a string";
  std::string ns = string_at(*meta, "namespace");
  if (!ns.empty()) {
    if (std::string why = name_problem(ns, NameRule::Label); !why.empty())
      return "metadata.namespace " + in_quotes(ns) + " " + why;
  }
  return "";
}

std::string component_prefix(const json& o) {
  if (!o.is_object() || !o.contains("metadata") || !o["metadata"].is_object()) return "";
  const json& meta = o["metadata"];
  if (!meta.contains("labels") || !meta["labels"].is_object()) return "";
  std::string component = string_at(meta["labels"], "ksonnet.io/component");
  return component.empty() ? "" : "component " + component + ": ";
}

NameRule name_rule_of(const std::string& group, const std::string& kind) {
  if (group.empty() && kind == "Namespace") return NameRule::Label;
  if (group.empty() && kind == "Service") return NameRule::Dns1035;
  if (kSubdomainKinds.count(kube::group_kind(group, kind))) return NameRule::Subdomain;
  return NameRule::PathSegment;
}

std::string name_problem(const std::string& name, NameRule rule) {
  if (name.empty()) return "is empty";
  // Every name is a path segment first: the stricter rules below imply it, but their messages
  // would hide what makes `.` and `..` dangerous.
  if (std::string why = path_segment_problem(name); !why.empty()) return why;
  switch (rule) {
    case NameRule::PathSegment:
      return "";
    case NameRule::Subdomain:
      return subdomain_problem(name);
    case NameRule::Label:
      return label_problem(name);
    case NameRule::Dns1035:
      return dns1035_problem(name);
  }
  return "";
}

std::vector<std::string> invalid_names(const std::vector<json>& objects) {
  std::vector<std::string> lines;
  for (size_t i = 0; i < objects.size(); ++i) {
    const json& o = objects[i];
    std::string why = addressing_problem(o);
    if (why.empty()) continue;
    kube::ObjectRef ref = kube::ref_of(o);
    std::string who = ref.kind.empty() ? "object " + std::to_string(i + 1)
                                       : str::to_lower(ref.kind) + " " +
                                             (ref.namespace_.empty() ? "" : ref.namespace_ + "/") +
                                             in_quotes(ref.name);
    lines.push_back(component_prefix(o) + who + ": " + why);
  }
  return lines;
}

void require_valid_names(const std::vector<json>& objects, const std::string& verb) {
  std::vector<std::string> lines = invalid_names(objects);
  if (lines.empty()) return;
  throw Error(std::to_string(lines.size()) + (lines.size() == 1 ? " object has" : " objects have") +
              " a name the API server would misread or reject, so nothing was " + verb +
              " (fix the components):\n  " + str::join(lines, "\n  "));
}

}  // namespace ks::apply
