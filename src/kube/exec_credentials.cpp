#include "kube/exec_credentials.h"

#include <algorithm>
#include <ctime>
#include <regex>

#include <unistd.h>

#include <nlohmann/json.hpp>

#include "base/error.h"
#include "base/process.h"
#include "kube/encoding.h"

namespace ks::kube {

namespace {

using nlohmann::json;

bool supported_version(const std::string& v) {
  return v == "client.authentication.k8s.io/v1" || v == "client.authentication.k8s.io/v1beta1";
}

std::string plugin_name(const ExecConfig& exec) {
  return "exec credential plugin " + exec.command;
}

}  // namespace

std::optional<std::chrono::system_clock::time_point> parse_rfc3339(const std::string& text) {
  static const std::regex re(
      R"(^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|([+-])(\d{2}):(\d{2}))$)");
  std::smatch m;
  if (!std::regex_match(text, m, re)) return std::nullopt;
  std::tm tm{};
  tm.tm_year = std::stoi(m[1]) - 1900;
  tm.tm_mon = std::stoi(m[2]) - 1;
  tm.tm_mday = std::stoi(m[3]);
  tm.tm_hour = std::stoi(m[4]);
  tm.tm_min = std::stoi(m[5]);
  tm.tm_sec = std::stoi(m[6]);
  time_t t = timegm(&tm);
  if (m[9].matched) {
    long offset = std::stol(m[10]) * 3600 + std::stol(m[11]) * 60;
    t += m[9] == "+" ? -offset : offset;
  }
  constexpr time_t kFarFuture = 7'000'000'000;  // year 2191; later times overflow system_clock
  return std::chrono::system_clock::from_time_t(std::min(t, kFarFuture));
}

bool exec_interactive(const ExecConfig& exec, bool stdin_is_terminal) {
  const std::string& mode = exec.interactive_mode;
  if (mode == "Never") return false;
  if (mode.empty() || mode == "IfAvailable") return stdin_is_terminal;
  if (mode != "Always")
    throw Error(plugin_name(exec) + ": interactiveMode '" + mode +
                "' is not one of Never, IfAvailable, Always");
  if (!stdin_is_terminal)
    throw Error(plugin_name(exec) +
                " needs a terminal (interactiveMode: Always) but stdin is not one; run ks from "
                "a terminal, or log in first so the plugin need not ask");
  return true;
}

std::string exec_info(const ExecConfig& exec, const ClusterConfig& cluster, bool interactive) {
  json spec = {{"interactive", interactive}};
  if (exec.provide_cluster_info) {
    json c = {{"server", cluster.server}};
    if (!cluster.certificate_authority_data.empty())
      c["certificate-authority-data"] = base64_encode(cluster.certificate_authority_data);
    if (!cluster.tls_server_name.empty()) c["tls-server-name"] = cluster.tls_server_name;
    if (cluster.insecure_skip_tls_verify) c["insecure-skip-tls-verify"] = true;
    if (!cluster.proxy_url.empty()) c["proxy-url"] = cluster.proxy_url;
    spec["cluster"] = c;
  }
  std::string version =
      exec.api_version.empty() ? "client.authentication.k8s.io/v1" : exec.api_version;
  return json{{"kind", "ExecCredential"}, {"apiVersion", version}, {"spec", spec}}.dump();
}

ExecCredential parse_exec_credential(const std::string& out, const ExecConfig& exec) {
  json doc;
  try {
    doc = json::parse(out);
  } catch (const json::exception&) {
    throw Error(plugin_name(exec) + " did not print an ExecCredential JSON object");
  }
  if (!doc.is_object() || doc.value("kind", "") != "ExecCredential")
    throw Error(plugin_name(exec) + " did not print an ExecCredential JSON object");
  if (doc.value("apiVersion", "") != exec.api_version)
    throw Error(plugin_name(exec) + " answered apiVersion '" + doc.value("apiVersion", "") +
                "', expected '" + exec.api_version + "'");
  auto status = doc.find("status");
  if (status == doc.end() || !status->is_object())
    throw Error(plugin_name(exec) + " didn't return a status field");
  ExecCredential c;
  c.token = status->value("token", "");
  c.client_certificate_data = status->value("clientCertificateData", "");
  c.client_key_data = status->value("clientKeyData", "");
  if (c.client_certificate_data.empty() != c.client_key_data.empty())
    throw Error(plugin_name(exec) + " returned only certificate or key, not both");
  if (c.token.empty() && c.client_certificate_data.empty())
    throw Error(plugin_name(exec) + " returned neither a token nor a client certificate");
  std::string expiry = status->value("expirationTimestamp", "");
  if (!expiry.empty()) {
    c.expiry = parse_rfc3339(expiry);
    if (!c.expiry) throw Error(plugin_name(exec) + " returned a malformed expirationTimestamp");
  }
  return c;
}

ExecCredentialProvider::ExecCredentialProvider(ExecConfig exec, ClusterConfig cluster,
                                               std::chrono::milliseconds timeout,
                                               std::optional<bool> stdin_is_terminal)
    : exec_(std::move(exec)), cluster_(std::move(cluster)), timeout_(timeout) {
  if (!supported_version(exec_.api_version))
    throw Error("exec credential plugin apiVersion '" + exec_.api_version +
                "' is not supported; use client.authentication.k8s.io/v1 or v1beta1");
  if (exec_.command.empty()) throw Error("exec credential plugin has no command");
  interactive_ = exec_interactive(exec_, stdin_is_terminal.value_or(::isatty(0) == 1));
}

ExecCredential ExecCredentialProvider::get() {
  std::lock_guard<std::mutex> lock(mu_);
  if (cached_ && (!cached_->expiry || *cached_->expiry > std::chrono::system_clock::now()))
    return *cached_;
  std::vector<std::string> argv{exec_.command};
  argv.insert(argv.end(), exec_.args.begin(), exec_.args.end());
  process::Options options;
  for (const auto& [k, v] : exec_.env) options.env_set[k] = v;
  options.env_set["KUBERNETES_EXEC_INFO"] = exec_info(exec_, cluster_, interactive_);
  options.inherit_stdin = interactive_;
  options.inherit_stderr = true;
  options.timeout = timeout_;
  process::Result r;
  try {
    r = process::run(argv, options);
  } catch (const Error&) {
    std::string hint = exec_.install_hint.empty() ? "" : " (" + exec_.install_hint + ")";
    throw Error("cannot run " + plugin_name(exec_) + hint);
  }
  if (r.timed_out)
    throw Error(plugin_name(exec_) + " did not finish within " +
                std::to_string(timeout_.count() / 1000) + "s");
  if (r.exit_code != 0)
    throw Error(plugin_name(exec_) + " failed with exit code " + std::to_string(r.exit_code) +
                " (its messages, if any, are above)");
  cached_ = parse_exec_credential(r.out, exec_);
  return *cached_;
}

void ExecCredentialProvider::invalidate() {
  std::lock_guard<std::mutex> lock(mu_);
  cached_.reset();
}

}  // namespace ks::kube
