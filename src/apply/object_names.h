#pragma once
// The names the API server accepts, checked before any request: a name or namespace the server
// would read as a different path (`.`, `..`, empty, containing `/` or `%`) must never reach a
// URL, or `ks delete` of a ConfigMap named `.` becomes a DELETE of the whole collection. Every
// kind gets the server's path-segment rule (what client-go checks for every request); kinds whose
// server-side validation is stricter also get theirs (DNS-1123 subdomain for most built-ins,
// DNS-1123 label for Namespaces, DNS-1035 label for Services), so the problem is found before
// anything is written rather than by a 422 halfway through an apply.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "kube/object_ref.h"

namespace ks::apply {

enum class NameRule { PathSegment, Subdomain, Label, Dns1035 };

// The rule kube-apiserver applies to names of this built-in kind; PathSegment for RBAC kinds,
// custom resources and anything unknown.
NameRule name_rule_of(const std::string& group, const std::string& kind);
// Empty when `name` is valid under `rule`, else why not (apimachinery's wording).
std::string name_problem(const std::string& name, NameRule rule);

// Why the object cannot be addressed on the server (no apiVersion/kind/name, or a name or
// namespace the server rejects), or "" when it can.
std::string addressing_problem(const nlohmann::json& object);

// `component web: ` for an object rendered from component web (label `ksonnet.io/component`),
// else "": the start of every per-object problem line.
std::string component_prefix(const nlohmann::json& object);

// One line per object whose name or namespace is not acceptable, naming its component (label
// `ksonnet.io/component`) and the object: `component web: configmap victim/.: metadata.name "."
// may not be '.'`. Objects without apiVersion/kind are reported too.
std::vector<std::string> invalid_names(const std::vector<nlohmann::json>& objects);
// Throws ks::Error listing every invalid object (one line each) and saying nothing was sent.
void require_valid_names(const std::vector<nlohmann::json>& objects, const std::string& verb);

}  // namespace ks::apply
