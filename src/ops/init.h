#pragma once
// ks init: a new app folder with (unless skipped) a default env bound to a cluster, and the
// k.libsonnet for that cluster's API when it can be read.
#include <filesystem>
#include <string>

namespace ks::ops {

struct InitOptions {
  std::string name;  // the app's name, and its folder under the current one unless `dir`
  std::string dir;
  bool create_default_env = true;
  std::string env = "default";
  // The default env's cluster: `server` alone, or a kube context (default: the current one)
  // from `kubeconfig` ($KUBECONFIG or ~/.kube/config when empty). Namespace: `ns`, else the
  // context's, else default.
  std::string kubeconfig, context, server, ns;
  // ksonnet's --api-spec (file:SWAGGER.json or version:vX.Y.Z, see api_spec.h); empty: the
  // env's cluster is asked for its OpenAPI spec (one quick attempt).
  std::string api_spec;
  std::string spec_cache_dir;  // where --api-spec keeps and finds specs ("": no cache)
};

struct InitResult {
  std::filesystem::path root;  // the app folder created
  std::string env;             // "" when no env was created
  std::string ns, context, server;
  std::string k8s_version;  // of the generated k.libsonnet; "" when the minimal one was installed
  std::string lib_dir;      // where that library is, relative to lib/
  std::string lib_note;     // why the minimal library was installed (e.g. "no kube context")
};

// Throws ks::Error, creating nothing, when the folder exists and is not empty, the context is
// unknown, or --api-spec is bad or given with no env. A cluster that cannot be read is not an
// error: the minimal library is installed and lib_note says why.
InitResult init(const InitOptions& options);

}  // namespace ks::ops
