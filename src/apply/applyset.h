#pragma once
// App+env identity on the cluster, compatible with Kubernetes' ApplySet convention (KEP-3659):
// every member carries `applyset.kubernetes.io/part-of: <id>` plus ks labels; a parent Secret in
// the env namespace carries the id and records which group-kinds and namespaces members live
// in, so prune can find (only) the objects this app+env deployed.
#include <set>
#include <string>

#include <nlohmann/json.hpp>

namespace ks::apply {

inline constexpr const char* kPartOfLabel = "applyset.kubernetes.io/part-of";
inline constexpr const char* kIdLabel = "applyset.kubernetes.io/id";
inline constexpr const char* kToolingAnnotation = "applyset.kubernetes.io/tooling";
inline constexpr const char* kGroupKindsAnnotation = "applyset.kubernetes.io/contains-group-kinds";
inline constexpr const char* kNamespacesAnnotation = "applyset.kubernetes.io/additional-namespaces";
inline constexpr const char* kManagedByLabel = "app.kubernetes.io/managed-by";
inline constexpr const char* kAppLabel = "ks.io/app";
inline constexpr const char* kEnvLabel = "ks.io/env";
inline constexpr const char* kTooling = "ks/v1";
// Digest of everything ks applied to a member (labels included): a re-apply whose object has the
// same digest and whose values are all still live sends nothing (see ssa_apply.h).
inline constexpr const char* kAppliedDigestAnnotation = "ks.io/applied-digest";

struct Identity {
  std::string app;
  std::string env;
};

struct ApplySet {
  std::string parent_name;  // Secret name
  std::string parent_namespace;
  std::string id;  // applyset-<base64url(sha256(name.namespace.Secret.))>-v1
};

ApplySet make_applyset(const Identity& identity, const std::string& namespace_);
std::string applyset_id(const std::string& name, const std::string& namespace_,
                        const std::string& kind, const std::string& group);
// A valid label value: other characters become '.', at most 63, alphanumeric at both ends.
std::string label_value(const std::string& text);

// The object with the member label, ks labels and the applied-digest annotation added.
nlohmann::json with_member_labels(nlohmann::json object, const ApplySet& set,
                                  const Identity& identity);
// True when the object carries this set's part-of label and this app+env's labels.
bool is_member(const nlohmann::json& object, const ApplySet& set, const Identity& identity);

nlohmann::json parent_object(const ApplySet& set, const Identity& identity,
                             const std::set<std::string>& group_kinds,
                             const std::set<std::string>& namespaces);

struct ParentState {
  bool exists = false;
  std::string tooling;
  std::set<std::string> group_kinds;
  std::set<std::string> namespaces;  // additional ones, the parent's own excluded
};
ParentState parent_state(const nlohmann::json& live);  // null: no parent yet

}  // namespace ks::apply
