#include "deploy_cluster.h"

#include <signal.h>

#include <cstdlib>
#include <random>

#include "base/error.h"
#include "base/process.h"
#include "base/yaml.h"
#include "fault_proxy.h"
#include "server_fixture.h"

namespace ks_test {

namespace {

std::string env_or_empty(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

std::string read_or_empty(const stdfs::path& p) {
  std::string text;
  return ks::fs::read_file_if_exists(p, text) ? text : "";
}

// "ks-<test name>-<random>", a valid namespace name (DNS label) unique to this test run.
std::string namespace_for_current_test() {
  std::string base = "ks";
  if (const auto* info = ::testing::UnitTest::GetInstance()->current_test_info()) {
    base += "-";
    for (char c : std::string(info->name())) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      if (!alnum) c = '-';
      if (c == '-' && base.back() == '-') continue;
      base += c;
    }
  }
  if (base.size() > 48) base.resize(48);
  while (base.back() == '-') base.pop_back();
  std::mt19937 gen{std::random_device{}()};
  const char* hex = "0123456789abcdef";
  base += "-";
  for (int i = 0; i < 6; ++i) base += hex[gen() % 16];
  return base;
}

Run run_kubectl(const std::string& kubeconfig, const stdfs::path& home,
                const std::vector<std::string>& args) {
  std::string kubectl = kubectl_path();
  if (kubectl.empty()) throw ks::Error("no Go-built kubectl: run scripts/cluster build");
  std::vector<std::string> argv = {kubectl, "--request-timeout=30s"};
  argv.insert(argv.end(), args.begin(), args.end());
  ks::process::Options o;
  o.env_set = {{"KUBECONFIG", kubeconfig},
               {"HOME", home.string()},
               {"KUBECACHEDIR", (home / "kubecache").string()}};
  o.timeout = std::chrono::milliseconds(120000);
  auto r = ks::process::run(argv, o);
  return {r.exit_code, r.out, r.err};
}

}  // namespace

std::string backend_name(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::Real ? "Real" : "Bundled";
}

bool in_ci() {
  return env_or_empty("CI") == "true";
}

std::string real_cluster_missing() {
  std::string dir = env_or_empty("KS_TEST_CLUSTER");
  if (dir.empty()) {
    return "KS_TEST_CLUSTER is not set: start a real control plane with `scripts/cluster up DIR` "
           "and export KS_TEST_CLUSTER=DIR";
  }
  if (!stdfs::exists(stdfs::path(dir) / "kubeconfig")) {
    return "KS_TEST_CLUSTER=" + dir + " has no kubeconfig: run `scripts/cluster up " + dir + "`";
  }
  std::string pid = read_or_empty(stdfs::path(dir) / "pids" / "kube-apiserver");
  if (pid.empty() || ::kill(std::atoi(pid.c_str()), 0) != 0) {
    return "the kube-apiserver of KS_TEST_CLUSTER=" + dir +
           " is not running: run `scripts/cluster down " + dir + "` and `scripts/cluster up " +
           dir + "`";
  }
  return "";
}

std::string kubectl_path() {
  std::vector<stdfs::path> candidates;
  if (std::string k = env_or_empty("KS_TEST_KUBECTL"); !k.empty()) candidates.push_back(k);
  if (std::string d = env_or_empty("KS_TEST_CLUSTER"); !d.empty()) {
    candidates.push_back(stdfs::path(d) / "kubectl");
  }
  candidates.push_back(stdfs::path(KS_SOURCE_DIR) / "build" / "cluster" / "kubectl");
  for (const auto& c : candidates) {
    if (stdfs::exists(c)) return c.string();
  }
  return "";
}

DeployCluster::DeployCluster(Backend backend, ClusterOptions options)
    : backend_(backend),
      dir_(std::make_unique<ks::fs::TempDir>("ks-deploy-cluster-")),
      context_(options.context) {
  if (backend == Backend::Real) {
    start_real(options);
    return;
  }
  std::vector<std::string> args = {"--context", options.context};
  for (const auto& c : options.extra_contexts) args.insert(args.end(), {"--extra-context", c});
  args.insert(args.end(), options.bundled_args.begin(), options.bundled_args.end());
  bundled_ = std::make_unique<TestApiServer>(args);
  kubeconfig_ = bundled_->kubeconfig();
  server_ = bundled_->server();
  token_ = bundled_->token();
}

void DeployCluster::start_real(const ClusterOptions& options) {
  if (std::string why = real_cluster_missing(); !why.empty()) throw ks::Error(why);
  stdfs::path cluster_dir = env_or_empty("KS_TEST_CLUSTER");
  std::string text = read_or_empty(cluster_dir / "kubeconfig");
  auto config = ks::yaml::parse(text, (cluster_dir / "kubeconfig").string());
  server_ = config["clusters"][0]["cluster"]["server"].get<std::string>();
  std::string tokens = read_or_empty(cluster_dir / "pki" / "tokens.csv");
  token_ = tokens.substr(0, tokens.find(','));
  namespace_ = namespace_for_current_test();

  // A private copy whose contexts all carry this test's namespace.
  kubeconfig_ = (dir_->path() / "kubeconfig").string();
  ks::fs::write_file_atomic(kubeconfig_, text, 0600);
  std::vector<std::string> names = {options.context};
  names.insert(names.end(), options.extra_contexts.begin(), options.extra_contexts.end());
  for (const auto& name : names) {
    for (const auto& [suffix, user] : {std::pair{"", "admin"}, std::pair{"-token", "token-user"}}) {
      Run r = kubectl({"config", "set-context", name + suffix, "--cluster=real",
                       std::string("--user=") + user, "--namespace=" + namespace_});
      if (r.code != 0)
        throw ks::Error("kubectl config set-context " + name + suffix + ": " + r.err);
    }
  }
  if (Run r = kubectl({"config", "use-context", options.context}); r.code != 0) {
    throw ks::Error("kubectl config use-context: " + r.err);
  }
  if (Run r = kubectl({"create", "namespace", namespace_}); r.code != 0) {
    throw ks::Error("cannot create namespace " + namespace_ + " on the real cluster: " + r.err);
  }
  if (!options.proxy_args.empty()) {
    proxy_ =
        std::make_unique<FaultProxy>(server_, (cluster_dir / "pki").string(), options.proxy_args);
    if (Run r = kubectl({"config", "set-cluster", "real", "--server=" + proxy_->server()});
        r.code != 0) {
      throw ks::Error("kubectl config set-cluster: " + r.err);
    }
    direct_server_ = server_;
    server_ = proxy_->server();
  }
}

DeployCluster::~DeployCluster() {
  if (backend_ != Backend::Real || kubeconfig_.empty()) return;
  proxy_.reset();
  try {
    for (const auto& object : cluster_scoped_) {
      kubectl({"delete", object, "--ignore-not-found", "--wait=false"});
    }
    kubectl({"delete", "namespace", namespace_, "--ignore-not-found", "--wait=false"});
  } catch (const ks::Error&) {
    // Clean-up is best effort: the cluster dir is removed by `scripts/cluster down` anyway.
  }
}

nlohmann::json DeployCluster::requests() const {
  if (!bundled_) throw ks::Error("the request log exists only on the bundled test API server");
  return bundled_->requests();
}

void DeployCluster::reset_log() {
  if (!bundled_) throw ks::Error("the request log exists only on the bundled test API server");
  bundled_->reset_log();
}

Run DeployCluster::kubectl(const std::vector<std::string>& args) const {
  if (direct_server_.empty()) return run_kubectl(kubeconfig_, dir_->path(), args);
  std::vector<std::string> direct = {"--server=" + direct_server_};
  direct.insert(direct.end(), args.begin(), args.end());
  return run_kubectl(kubeconfig_, dir_->path(), direct);
}

nlohmann::json DeployCluster::proxy_log() const {
  if (!proxy_) throw ks::Error("no fault proxy: ClusterOptions::proxy_args was empty");
  return proxy_->log();
}

void DeployCluster::delete_after(const std::string& kind_slash_name) {
  if (backend_ != Backend::Real) return;
  kubectl({"delete", kind_slash_name, "--ignore-not-found", "--wait=true", "--timeout=60s"});
  cluster_scoped_.push_back(kind_slash_name);
}

std::string DeployCluster::own_namespace(const std::string& name) {
  if (backend_ != Backend::Real) return name;
  std::string full = namespace_ + "-" + name;
  cluster_scoped_.push_back("namespace/" + full);
  return full;
}

}  // namespace ks_test
