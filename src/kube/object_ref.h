#pragma once
// Naming one Kubernetes object: how it is shown to the user and where it lives on the server.
#include <string>

#include <nlohmann/json.hpp>

namespace ks::kube {

struct ResourceInfo {
  std::string group;
  std::string version;
  std::string kind;
  std::string resource;  // plural, e.g. deployments
  bool namespaced = true;
};

struct ObjectRef {
  std::string api_version;
  std::string kind;
  std::string namespace_;
  std::string name;

  std::string group() const;  // "" for core
  std::string version() const;
  // `deployment default/cnn`, or `namespace prod` when cluster-scoped.
  std::string display() const;
  // `Deployment.apps` / `ConfigMap`, the ApplySet group-kind spelling.
  std::string group_kind() const;
  // `apps.v1.Deployment.default.cnn`, a file name for external diff programs.
  std::string file_name() const;
  bool operator<(const ObjectRef& o) const;
  bool operator==(const ObjectRef& o) const;
};

ObjectRef ref_of(const nlohmann::json& object);
std::string group_of(const std::string& api_version);
std::string group_kind(const std::string& group, const std::string& kind);

// /api/v1/namespaces/ns/configmaps or /apis/apps/v1/deployments (namespace empty: all or cluster).
std::string collection_path(const ResourceInfo& resource, const std::string& namespace_);
std::string object_path(const ResourceInfo& resource, const std::string& namespace_,
                        const std::string& name);
// One URL path segment, percent-encoded (`/` and `%` included); throws ks::Error for an empty,
// `.` or `..` segment, which would address another path.
std::string path_segment(const std::string& value);
// Percent-encodes a query parameter value.
std::string url_encode(const std::string& value);

}  // namespace ks::kube
