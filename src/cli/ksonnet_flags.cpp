#include "cli/ksonnet_flags.h"

#include <algorithm>

#include "base/error.h"

namespace ks::cli {

namespace {

const char* const kHidden = "";  // CLI11 hides options of the empty group

std::string long_name(const std::string& names) {
  auto comma = names.rfind(',');
  return comma == std::string::npos ? names : names.substr(comma + 1);
}

std::string refusal(const std::string& names, const std::string& instead) {
  return "ksonnet's " + long_name(names) + " is not supported by ks: " + instead;
}

const std::string kCredentials =
    "ks takes credentials only from kubeconfig (nothing secret on the command line); put them in "
    "a kubeconfig user (`kubectl config set-credentials`) and pass --context";

}  // namespace

void add_noop_flag(CLI::App* cmd, const std::string& names) {
  cmd->add_flag_function(
         names, [](std::int64_t) {}, "ksonnet flag, accepted and ignored")
      ->group(kHidden);
}

void add_refused_flag(CLI::App* cmd, const std::string& names, const std::string& instead) {
  std::string message = refusal(names, instead);
  cmd->add_flag_function(
         names, [message](std::int64_t) -> void { throw Error(message); }, "ksonnet flag, refused")
      ->group(kHidden);
}

void add_refused_option(CLI::App* cmd, const std::string& names, const std::string& instead) {
  std::string message = refusal(names, instead);
  cmd->add_option_function<std::string>(
         names, [message](const std::string&) -> void { throw Error(message); },
         "ksonnet flag, refused")
      ->group(kHidden);
}

void add_refused_connection_flags(CLI::App* cmd, const std::vector<std::string>& keep) {
  auto kept = [&](const std::string& name) {
    return std::find(keep.begin(), keep.end(), name) != keep.end();
  };
  struct Row {
    const char* names;
    bool takes_value;
    std::string instead;
  };
  const std::vector<Row> rows = {
      {"--context", true,
       "the env records its kube context; change it with `ks env set ENV --context CONTEXT`"},
      {"--server", true,
       "the env records its server; change it with `ks env set ENV --server URL`"},
      {"-n,--namespace", true,
       "the env records its namespace; change it with `ks env set ENV --namespace NS` (or set "
       "metadata.namespace in the component)"},
      {"--cluster", true, "pass --context naming a kubeconfig context that uses that cluster"},
      {"--user", true, "pass --context naming a kubeconfig context that uses that user"},
      {"--token", true, kCredentials},
      {"--username", true, kCredentials},
      {"--password", true, kCredentials},
      {"--as", true, kCredentials + " (impersonation: the user's `as` field)"},
      {"--as-group", true, kCredentials + " (impersonation: the user's `as-groups` field)"},
      {"--certificate-authority", true,
       "set certificate-authority on the kubeconfig cluster and pass --context"},
      {"--client-certificate", true, kCredentials},
      {"--client-key", true, kCredentials},
      {"--insecure-skip-tls-verify", false,
       "set insecure-skip-tls-verify: true on the kubeconfig cluster (a deliberate, visible "
       "choice) and pass --context"},
      {"--request-timeout", true,
       "ks bounds and retries each request itself; --timeout limits waiting for readiness"},
  };
  for (const auto& row : rows) {
    if (kept(long_name(row.names))) continue;
    if (row.takes_value)
      add_refused_option(cmd, row.names, row.instead);
    else
      add_refused_flag(cmd, row.names, row.instead);
  }
}

void add_refused_global_flags(CLI::App& root) {
  add_refused_flag(&root, "--tls-skip-verify",
                   "set insecure-skip-tls-verify: true on the kubeconfig cluster (registries: "
                   "fix the CA, git honours GIT_SSL_CAINFO)");
}

}  // namespace ks::cli
