// kubeconfig files: parsing, merging and resolving every context.
#include "apply/kubeconfig.h"
#include "fuzz_target.h"

KS_FUZZ_TARGET(kubeconfig) {
  std::string text = fuzz_text(data, size);
  try {
    ks::apply::KubeConfig config;
    ks::apply::merge_kubeconfig(config, text, "kubeconfig");
    ks::apply::current_context(config);
    for (const auto& name : ks::apply::context_names(config)) {
      try {
        ks::apply::resolve_context(config, name);
      } catch (const std::exception&) {
      }
    }
  } catch (const std::exception&) {
  }
  return 0;
}
