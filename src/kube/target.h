#pragma once
// Which cluster an env deploys to. An env stores a kube context name and/or a server URL; the
// target resolves them against the kubeconfig and refuses when the context's server is not the
// env's server, so `ks apply prod` never silently hits another cluster.
#include <string>
#include <vector>

#include "kube/kubeconfig.h"

namespace ks::kube {

struct Target {
  std::string kubeconfig;  // explicit kubeconfig file; empty: $KUBECONFIG or ~/.kube/config
  std::string context;     // the env's kube context; empty: found by server, else current
  std::string server;      // the env's server URL; empty: no check
  std::string namespace_;  // the env's namespace; empty: the context's, else "default"
  bool skip_server_check = false;
};

// A target resolved to everything needed to connect.
struct Connection {
  KubeContext context;
  ClusterConfig cluster;
  UserConfig user;
  std::string default_namespace;
  std::vector<std::string> warnings;  // to show on stderr (e.g. TLS verification disabled)
};

Connection resolve_target(const Target& target);
Connection resolve_target(const Target& target, const KubeConfig& config);

}  // namespace ks::kube
