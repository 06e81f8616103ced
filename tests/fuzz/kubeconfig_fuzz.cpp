// kubeconfig files: parsing, merging and resolving every context.
#include "base/error.h"
#include "fuzz_target.h"
#include "kube/kubeconfig.h"

KS_FUZZ_TARGET(kubeconfig) {
  std::string text = fuzz_text(data, size);
  ks::kube::KubeConfig config;
  try {
    ks::kube::merge_kubeconfig(config, text, "kubeconfig");
  } catch (const ks::Error&) {
    return ks_fuzz::kRejected;
  }
  auto names = ks::kube::context_names(config);
  auto current = ks::kube::current_context(config);
  // Invariant: merging a file again changes nothing (entries already there win).
  ks::kube::merge_kubeconfig(config, text, "kubeconfig again");
  auto names_again = ks::kube::context_names(config);
  KS_FUZZ_MUTATE_IF("kubeconfig", names_again.push_back("broken"));
  KS_FUZZ_CHECK(names_again == names);
  KS_FUZZ_CHECK(ks::kube::current_context(config) == current);
  for (const auto& name : names) {
    ks::kube::KubeContext ctx;
    try {
      ctx = ks::kube::resolve_context(config, name);
    } catch (const ks::Error&) {
      continue;  // e.g. its cluster is missing: said with an error
    }
    KS_FUZZ_CHECK(ctx.name == name);
  }
  return ks_fuzz::kAccepted;
}
