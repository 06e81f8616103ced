// kubeconfig files: parsing, merging and resolving every context.
#include "apply/kubeconfig.h"
#include "base/error.h"
#include "fuzz_target.h"

KS_FUZZ_TARGET(kubeconfig) {
  std::string text = fuzz_text(data, size);
  ks::apply::KubeConfig config;
  try {
    ks::apply::merge_kubeconfig(config, text, "kubeconfig");
  } catch (const ks::Error&) {
    return ks_fuzz::kRejected;
  }
  auto names = ks::apply::context_names(config);
  auto current = ks::apply::current_context(config);
  // Invariant: merging a file again changes nothing (entries already there win).
  ks::apply::merge_kubeconfig(config, text, "kubeconfig again");
  auto names_again = ks::apply::context_names(config);
  KS_FUZZ_MUTATE_IF("kubeconfig", names_again.push_back("broken"));
  KS_FUZZ_CHECK(names_again == names);
  KS_FUZZ_CHECK(ks::apply::current_context(config) == current);
  for (const auto& name : names) {
    ks::apply::KubeContext ctx;
    try {
      ctx = ks::apply::resolve_context(config, name);
    } catch (const ks::Error&) {
      continue;  // e.g. its cluster is missing: said with an error
    }
    KS_FUZZ_CHECK(ctx.name == name);
  }
  return ks_fuzz::kAccepted;
}
