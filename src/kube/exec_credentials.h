#pragma once
// client-go exec credential plugins (client.authentication.k8s.io v1 and v1beta1): the plugin
// runs without a shell, with the kubeconfig's env and KUBERNETES_EXEC_INFO, and prints an
// ExecCredential. The result is cached in memory until its expirationTimestamp.
#include <chrono>
#include <mutex>
#include <optional>
#include <string>

#include "kube/kubeconfig.h"

namespace ks::kube {

struct ExecCredential {
  std::string token;
  std::string client_certificate_data;  // PEM
  std::string client_key_data;          // PEM
  std::optional<std::chrono::system_clock::time_point> expiry;
};

// Parses the plugin's stdout; errors name the command, never the output.
ExecCredential parse_exec_credential(const std::string& out, const ExecConfig& exec);
// The KUBERNETES_EXEC_INFO value for `exec` against `cluster`; `interactive` when the plugin
// gets the user's terminal as stdin.
std::string exec_info(const ExecConfig& exec, const ClusterConfig& cluster,
                      bool interactive = false);
// Whether the plugin gets the terminal as stdin, from its interactiveMode (Never, IfAvailable
// (the default), Always) and whether stdin is a terminal. Throws ks::Error for Always without a
// terminal, and for an unknown mode.
bool exec_interactive(const ExecConfig& exec, bool stdin_is_terminal);
// RFC 3339 time ("2026-01-01T00:00:00Z", fractions and offsets allowed); nullopt if malformed.
std::optional<std::chrono::system_clock::time_point> parse_rfc3339(const std::string& text);

// The plugin's stderr (login prompts, "run aws sso login") goes straight to the user's stderr, as
// with kubectl.
class ExecCredentialProvider {
 public:
  // `stdin_is_terminal`: nullopt asks isatty(0).
  ExecCredentialProvider(ExecConfig exec, ClusterConfig cluster,
                         std::chrono::milliseconds timeout = std::chrono::seconds(60),
                         std::optional<bool> stdin_is_terminal = std::nullopt);
  // Cached credential, re-running the plugin when there is none or it has expired.
  ExecCredential get();
  // Drops the cache (after a 401) so the next get() runs the plugin again.
  void invalidate();

 private:
  ExecConfig exec_;
  ClusterConfig cluster_;
  std::chrono::milliseconds timeout_;
  bool interactive_;
  std::mutex mu_;
  std::optional<ExecCredential> cached_;
};

}  // namespace ks::kube
