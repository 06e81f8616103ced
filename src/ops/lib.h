#pragma once
// ks lib generate: k.libsonnet from an OpenAPI v2 spec (a file or the env's cluster).
#include <string>

namespace ks::ops {

struct LibGenerateOptions {
  std::string env;          // the env whose cluster serves the spec; with `spec`: the env to pin
  std::string spec;         // an OpenAPI v2 JSON file instead of the cluster's /openapi/v2
  std::string out;          // folder to write to; "": lib/ksonnet-lib/VERSION in the app
  std::string k8s_version;  // to record; "": the spec's info.version
  std::string kubeconfig;   // "": $KUBECONFIG or ~/.kube/config
};

struct LibGenerateResult {
  std::string k8s_version;
  std::size_t files = 0;
  std::string where;  // `out`, or the folder relative to the app root
};

// Throws ks::Error, writing nothing, with neither env nor spec, an unknown env, a spec that is
// not JSON or a cluster that cannot be read (after retries).
LibGenerateResult lib_generate(const std::string& dir, const LibGenerateOptions& options);

}  // namespace ks::ops
