#pragma once
// kubeconfig as kubectl reads it: KUBECONFIG lists several files (first file wins per named
// entry, first current-context wins, missing files skipped), else ~/.kube/config; an explicit
// path must exist. Relative file paths resolve against the folder of the file that named them.
// Secret values (tokens, passwords, key data) are kept here but never put in any message.
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ks::kube {

struct ExecConfig {
  std::string api_version;  // client.authentication.k8s.io/v1 or v1beta1
  std::string command;      // absolute when the kubeconfig gave a relative path with a '/'
  std::vector<std::string> args;
  std::vector<std::pair<std::string, std::string>> env;
  std::string interactive_mode;
  bool provide_cluster_info = false;
  std::string install_hint;
};

struct ClusterConfig {
  std::string server;
  std::string certificate_authority;       // file path (absolute)
  std::string certificate_authority_data;  // decoded PEM; wins over the file
  bool insecure_skip_tls_verify = false;
  std::string tls_server_name;
  std::string proxy_url;
  std::string origin;  // the kubeconfig file that defined it
};

struct UserConfig {
  std::string client_certificate;       // file path (absolute)
  std::string client_certificate_data;  // decoded PEM
  std::string client_key;
  std::string client_key_data;
  std::string token;
  std::string token_file;
  std::string username;
  std::string password;
  std::optional<ExecConfig> exec;
  std::string auth_provider;  // name of a legacy auth-provider entry (unsupported)
  std::string origin;
};

struct ContextConfig {
  std::string cluster;
  std::string user;
  std::string namespace_;
};

struct KubeConfig {
  std::map<std::string, ClusterConfig> clusters;
  std::map<std::string, UserConfig> users;
  std::map<std::string, ContextConfig> contexts;
  std::string current_context;
  std::vector<std::string> files;  // files actually read, in merge order
};

// A context with its cluster's server looked up: what the CLI shows and binds envs to.
struct KubeContext {
  std::string name;
  std::string cluster;
  std::string user;
  std::string server;
  std::string namespace_;  // empty when the context names none
};

// Where a pod finds its service account: KUBERNETES_SERVICE_HOST/PORT and a folder holding
// `token`, `ca.crt` and `namespace`.
struct InClusterEnv {
  std::string host;
  std::string port;
  std::string account_dir = "/var/run/secrets/kubernetes.io/serviceaccount";
  static InClusterEnv from_environment();  // KS_SERVICE_ACCOUNT_DIR overrides account_dir
};

// The config kubectl builds inside a pod: context, cluster and user "in-cluster", server
// https://HOST:PORT, the CA file, the token file (re-read per request, as it is rotated) and
// the namespace file's namespace. nullopt when HOST/PORT are unset or there is no token file.
std::optional<KubeConfig> in_cluster_config(const InClusterEnv& where);

// Reads `explicit_path` (must exist) or the files in $KUBECONFIG, or ~/.kube/config. When none
// of those exists, the in-cluster config (a CI job running as a pod), else an empty config.
KubeConfig load_kubeconfig(const std::string& explicit_path = "");
// Parses one file's text and merges it under `into` (entries already there win).
void merge_kubeconfig(KubeConfig& into, const std::string& text, const std::string& path);

std::optional<std::string> current_context(const KubeConfig& config);
std::vector<std::string> context_names(const KubeConfig& config);
// Throws ks::Error naming the available contexts when `name` is not defined.
KubeContext resolve_context(const KubeConfig& config, const std::string& name);

}  // namespace ks::kube
