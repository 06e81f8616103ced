#include "kube/kubeconfig.h"

#include <cstdlib>
#include <filesystem>
#include <set>

#include "base/error.h"
#include "base/fs.h"
#include "base/strings.h"
#include "base/yaml.h"
#include "kube/encoding.h"

namespace ks::kube {

namespace {

namespace stdfs = std::filesystem;
using nlohmann::json;

std::string str_field(const json& obj, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return "";
  if (it->is_string()) return it->get<std::string>();
  return it->dump();
}

bool bool_field(const json& obj, const char* key) {
  auto it = obj.find(key);
  return it != obj.end() && it->is_boolean() && it->get<bool>();
}

std::string resolve_path(const std::string& p, const stdfs::path& dir) {
  if (p.empty() || stdfs::path(p).is_absolute()) return p;
  if (str::starts_with(p, "~/")) {
    const char* home = std::getenv("HOME");
    if (home) return (stdfs::path(home) / p.substr(2)).string();
  }
  return (dir / p).lexically_normal().string();
}

std::string decode_data(const json& obj, const char* key, const std::string& where) {
  std::string text = str_field(obj, key);
  if (text.empty()) return "";
  auto decoded = base64_decode(text);
  if (!decoded) throw Error(where + ": " + key + " is not valid base64");
  return *decoded;
}

const json& list_of(const json& doc, const char* key, const std::string& path) {
  static const json empty = json::array();
  auto it = doc.find(key);
  if (it == doc.end() || it->is_null()) return empty;
  if (!it->is_array()) throw Error(path + ": `" + key + "` must be a list");
  return *it;
}

// Each entry is {name: N, <inner>: {...}}; returns pairs whose name is new to `known`.
template <typename Fn>
void each_named(const json& doc, const char* list, const char* inner, const std::string& path,
                Fn&& fn) {
  for (const json& entry : list_of(doc, list, path)) {
    if (!entry.is_object()) continue;
    std::string name = str_field(entry, "name");
    if (name.empty()) throw Error(path + ": an entry in `" + list + "` has no name");
    auto body = entry.find(inner);
    fn(name, body != entry.end() && body->is_object() ? *body : json::object());
  }
}

ClusterConfig parse_cluster(const json& c, const std::string& where, const stdfs::path& dir) {
  ClusterConfig out;
  out.server = str_field(c, "server");
  out.certificate_authority = resolve_path(str_field(c, "certificate-authority"), dir);
  out.certificate_authority_data = decode_data(c, "certificate-authority-data", where);
  out.insecure_skip_tls_verify = bool_field(c, "insecure-skip-tls-verify");
  out.tls_server_name = str_field(c, "tls-server-name");
  out.proxy_url = str_field(c, "proxy-url");
  return out;
}

ExecConfig parse_exec(const json& e, const stdfs::path& dir) {
  ExecConfig out;
  out.api_version = str_field(e, "apiVersion");
  out.command = str_field(e, "command");
  if (out.command.find('/') != std::string::npos) out.command = resolve_path(out.command, dir);
  if (auto a = e.find("args"); a != e.end() && a->is_array())
    for (const json& v : *a) out.args.push_back(v.is_string() ? v.get<std::string>() : v.dump());
  if (auto env = e.find("env"); env != e.end() && env->is_array())
    for (const json& v : *env)
      if (v.is_object()) out.env.emplace_back(str_field(v, "name"), str_field(v, "value"));
  out.interactive_mode = str_field(e, "interactiveMode");
  out.provide_cluster_info = bool_field(e, "provideClusterInfo");
  out.install_hint = str_field(e, "installHint");
  return out;
}

UserConfig parse_user(const json& u, const std::string& where, const stdfs::path& dir) {
  UserConfig out;
  out.client_certificate = resolve_path(str_field(u, "client-certificate"), dir);
  out.client_certificate_data = decode_data(u, "client-certificate-data", where);
  out.client_key = resolve_path(str_field(u, "client-key"), dir);
  out.client_key_data = decode_data(u, "client-key-data", where);
  out.token = str_field(u, "token");
  out.token_file = resolve_path(str_field(u, "tokenFile"), dir);
  out.username = str_field(u, "username");
  out.password = str_field(u, "password");
  if (auto e = u.find("exec"); e != u.end() && e->is_object()) out.exec = parse_exec(*e, dir);
  if (auto a = u.find("auth-provider"); a != u.end() && a->is_object())
    out.auth_provider = str_field(*a, "name");
  return out;
}

std::vector<std::string> kubeconfig_files(const std::string& explicit_path) {
  if (!explicit_path.empty()) return {explicit_path};
  const char* env = std::getenv("KUBECONFIG");
  if (env && *env) {
    std::vector<std::string> files;
    std::set<std::string> seen;
    for (const std::string& f : str::split(env, ':'))
      if (!f.empty() && seen.insert(f).second) files.push_back(f);
    return files;
  }
  const char* home = std::getenv("HOME");
  if (!home || !*home) return {};
  return {(stdfs::path(home) / ".kube" / "config").string()};
}

}  // namespace

void merge_kubeconfig(KubeConfig& into, const std::string& text, const std::string& path) {
  json doc = yaml::parse(text, path);
  if (doc.is_null()) doc = json::object();
  if (!doc.is_object()) throw Error(path + ": a kubeconfig must be a YAML mapping");
  stdfs::path dir = stdfs::absolute(stdfs::path(path)).parent_path();
  each_named(doc, "clusters", "cluster", path, [&](const std::string& name, const json& c) {
    if (into.clusters.count(name)) return;
    ClusterConfig cluster = parse_cluster(c, path + ": cluster " + name, dir);
    cluster.origin = path;
    into.clusters.emplace(name, std::move(cluster));
  });
  each_named(doc, "users", "user", path, [&](const std::string& name, const json& u) {
    if (into.users.count(name)) return;
    UserConfig user = parse_user(u, path + ": user " + name, dir);
    user.origin = path;
    into.users.emplace(name, std::move(user));
  });
  each_named(doc, "contexts", "context", path, [&](const std::string& name, const json& c) {
    if (into.contexts.count(name)) return;
    into.contexts.emplace(name, ContextConfig{str_field(c, "cluster"), str_field(c, "user"),
                                              str_field(c, "namespace")});
  });
  if (into.current_context.empty()) into.current_context = str_field(doc, "current-context");
  into.files.push_back(path);
}

InClusterEnv InClusterEnv::from_environment() {
  InClusterEnv env;
  auto get = [](const char* name) {
    const char* v = std::getenv(name);
    return std::string(v ? v : "");
  };
  env.host = get("KUBERNETES_SERVICE_HOST");
  env.port = get("KUBERNETES_SERVICE_PORT");
  if (std::string dir = get("KS_SERVICE_ACCOUNT_DIR"); !dir.empty()) env.account_dir = dir;
  return env;
}

std::optional<KubeConfig> in_cluster_config(const InClusterEnv& where) {
  if (where.host.empty() || where.port.empty()) return std::nullopt;
  stdfs::path dir = where.account_dir;
  std::error_code ec;
  if (!stdfs::is_regular_file(dir / "token", ec)) return std::nullopt;
  // An IPv6 service address needs brackets in a URL.
  bool ipv6 = where.host.find(':') != std::string::npos;
  ClusterConfig cluster;
  cluster.server = "https://" + (ipv6 ? "[" + where.host + "]" : where.host) + ":" + where.port;
  if (stdfs::is_regular_file(dir / "ca.crt", ec))
    cluster.certificate_authority = (dir / "ca.crt").string();
  cluster.origin = "in-cluster service account " + dir.string();
  UserConfig user;
  user.token_file = (dir / "token").string();
  user.origin = cluster.origin;
  std::string ns;
  fs::read_file_if_exists(dir / "namespace", ns);
  KubeConfig config;
  config.clusters.emplace("in-cluster", cluster);
  config.users.emplace("in-cluster", user);
  config.contexts.emplace("in-cluster", ContextConfig{"in-cluster", "in-cluster", str::trim(ns)});
  config.current_context = "in-cluster";
  config.files.push_back(cluster.origin);
  return config;
}

KubeConfig load_kubeconfig(const std::string& explicit_path) {
  KubeConfig config;
  for (const std::string& file : kubeconfig_files(explicit_path)) {
    std::string text;
    if (!fs::read_file_if_exists(file, text)) {
      if (!explicit_path.empty())
        throw Error("kubeconfig " + file + " does not exist; check the --kubeconfig path");
      continue;
    }
    merge_kubeconfig(config, text, file);
  }
  if (config.files.empty() && explicit_path.empty())
    if (auto pod = in_cluster_config(InClusterEnv::from_environment())) return *pod;
  return config;
}

std::optional<std::string> current_context(const KubeConfig& config) {
  if (config.current_context.empty()) return std::nullopt;
  return config.current_context;
}

std::vector<std::string> context_names(const KubeConfig& config) {
  std::vector<std::string> names;
  for (const auto& [name, _] : config.contexts) names.push_back(name);
  return names;
}

KubeContext resolve_context(const KubeConfig& config, const std::string& name) {
  auto it = config.contexts.find(name);
  if (it == config.contexts.end()) {
    std::vector<std::string> names = context_names(config);
    std::string files =
        config.files.empty() ? "no kubeconfig file found" : "read " + str::join(config.files, ", ");
    throw Error("kube context '" + name + "' not found (" + files +
                "); available contexts: " + (names.empty() ? "none" : str::join(names, ", ")));
  }
  KubeContext out{name, it->second.cluster, it->second.user, "", it->second.namespace_};
  auto cluster = config.clusters.find(out.cluster);
  if (cluster == config.clusters.end())
    throw Error("kube context '" + name + "' names cluster '" + out.cluster +
                "', which the kubeconfig does not define");
  out.server = cluster->second.server;
  if (out.server.empty()) throw Error("kube cluster '" + out.cluster + "' has no server");
  return out;
}

}  // namespace ks::kube
