#pragma once
// Turns --context/--server/--namespace flags into what an env records, reading the kubeconfig
// for the context's server and namespace.
#include <string>

namespace ks::ops {

struct BindingFlags {
  std::string kubeconfig;
  std::string context;
  std::string server;
  std::string ns;
};

struct Binding {
  std::string context;  // "" when bound by server only
  std::string server;   // "" when no cluster is known
  std::string ns;
};

// With --server: that server. With --context: the context must exist. Otherwise the current
// context when a kubeconfig has one, else no cluster. Namespace: flag, else context's, else
// default.
Binding bind_cluster(const BindingFlags& flags, bool context_required);

}  // namespace ks::ops
