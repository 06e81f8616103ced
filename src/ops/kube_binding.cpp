#include "ops/kube_binding.h"

#include "base/error.h"
#include "kube/kubeconfig.h"

namespace ks::ops {

Binding bind_cluster(const BindingFlags& flags, bool context_required) {
  Binding b;
  b.ns = flags.ns;
  if (!flags.server.empty() && !flags.context.empty()) {
    throw Error("--server and --context are mutually exclusive; give one");
  }
  if (!flags.server.empty()) {
    b.server = flags.server;
  } else {
    auto config = kube::load_kubeconfig(flags.kubeconfig);
    std::string name = flags.context;
    if (name.empty()) {
      auto current = kube::current_context(config);
      if (current) name = *current;
    }
    if (!name.empty()) {
      auto kc = kube::resolve_context(config, name);
      b.context = kc.name;
      b.server = kc.server;
      if (b.ns.empty()) b.ns = kc.namespace_;
    } else if (context_required) {
      throw Error(
          "no kube context found: pass --context NAME or --server URL, or set a current context in "
          "your kubeconfig");
    }
  }
  if (b.ns.empty()) b.ns = "default";
  return b;
}

}  // namespace ks::ops
