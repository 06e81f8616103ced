#pragma once
// client-go exec credential plugins (client.authentication.k8s.io v1 and v1beta1): the plugin
// runs without a shell, with the kubeconfig's env and KUBERNETES_EXEC_INFO, and prints an
// ExecCredential. The result is cached in memory until its expirationTimestamp.
#include <chrono>
#include <mutex>
#include <optional>
#include <string>

#include "apply/kubeconfig.h"

namespace ks::apply {

struct ExecCredential {
  std::string token;
  std::string client_certificate_data;  // PEM
  std::string client_key_data;          // PEM
  std::optional<std::chrono::system_clock::time_point> expiry;
};

// Parses the plugin's stdout; errors name the command, never the output.
ExecCredential parse_exec_credential(const std::string& out, const ExecConfig& exec);
// The KUBERNETES_EXEC_INFO value for `exec` against `cluster`.
std::string exec_info(const ExecConfig& exec, const ClusterConfig& cluster);
// RFC 3339 time ("2026-01-01T00:00:00Z", fractions and offsets allowed); nullopt if malformed.
std::optional<std::chrono::system_clock::time_point> parse_rfc3339(const std::string& text);

class ExecCredentialProvider {
 public:
  ExecCredentialProvider(ExecConfig exec, ClusterConfig cluster,
                         std::chrono::milliseconds timeout = std::chrono::seconds(60));
  // Cached credential, re-running the plugin when there is none or it has expired.
  ExecCredential get();
  // Drops the cache (after a 401) so the next get() runs the plugin again.
  void invalidate();

 private:
  ExecConfig exec_;
  ClusterConfig cluster_;
  std::chrono::milliseconds timeout_;
  std::mutex mu_;
  std::optional<ExecCredential> cached_;
};

}  // namespace ks::apply
