#include "server_fixture.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <random>
#include <thread>

#include <httplib.h>

#include "base/error.h"
#include "base/yaml.h"

extern char** environ;

namespace ks_test {

namespace {

std::string random_token() {
  std::mt19937_64 gen{std::random_device{}()};
  const char* hex = "0123456789abcdef";
  std::string out = "ks-test-";
  for (int i = 0; i < 32; ++i) out += hex[gen() % 16];
  return out;
}

std::string flag_value(const std::vector<std::string>& args, const std::string& flag) {
  for (size_t i = 0; i + 1 < args.size(); ++i) {
    if (args[i] == flag) return args[i + 1];
  }
  return "";
}

bool exited(pid_t pid) {
  int status = 0;
  return waitpid(pid, &status, WNOHANG) == pid;
}

}  // namespace

TestApiServer::TestApiServer(std::vector<std::string> extra_args) : dir_("ks-test-apiserver-") {
  kubeconfig_ = (dir_.path() / "kubeconfig").string();
  std::vector<std::string> args = {KS_TEST_APISERVER_PATH, "--listen", "127.0.0.1:0",
                                   "--write-kubeconfig", kubeconfig_};
  if (std::string c = flag_value(extra_args, "--context"); !c.empty()) {
    context_ = c;
  } else {
    args.insert(args.end(), {"--context", context_});
  }
  token_ = flag_value(extra_args, "--token");
  if (token_.empty()) {
    token_ = random_token();
    args.insert(args.end(), {"--token", token_});
  }
  args.insert(args.end(), extra_args.begin(), extra_args.end());

  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::string log = (dir_.path() / "server.log").string();
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  int rc = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw ks::Error(std::string("cannot start ") + KS_TEST_APISERVER_PATH);

  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  std::string text;
  while (!ks::fs::read_file_if_exists(kubeconfig_, text)) {
    if (exited(pid_)) {
      pid_ = -1;
      std::string out;
      ks::fs::read_file_if_exists(log, out);
      throw ks::Error("ks-test-apiserver exited before it was ready: " + out);
    }
    if (std::chrono::steady_clock::now() > deadline) {
      throw ks::Error("ks-test-apiserver did not write its kubeconfig within 20 s");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  auto config = ks::yaml::parse(text, kubeconfig_);
  server_ = config["clusters"][0]["cluster"]["server"].get<std::string>();
  port_ = std::stoi(server_.substr(server_.rfind(':') + 1));
}

TestApiServer::~TestApiServer() {
  stop_gracefully();
}

void TestApiServer::crash() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
}

void TestApiServer::stop_gracefully() {
  if (pid_ <= 0) return;
  kill(pid_, SIGTERM);
  for (int i = 0; i < 300; ++i) {
    if (exited(pid_)) {
      pid_ = -1;
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  crash();
}

std::string TestApiServer::kubeconfig() const {
  return kubeconfig_;
}
std::string TestApiServer::server() const {
  return server_;
}
std::string TestApiServer::token() const {
  return token_;
}
std::string TestApiServer::context() const {
  return context_;
}

std::string TestApiServer::call(const std::string& method, const std::string& path,
                                const std::string& body) const {
  httplib::SSLClient client("127.0.0.1", port_);
  client.enable_server_certificate_verification(false);  // loopback only, our own throwaway CA
  client.set_bearer_token_auth(token_);
  client.set_read_timeout(std::chrono::seconds(10));
  client.set_tcp_nodelay(true);
  auto res = method == "GET" ? client.Get(path) : client.Post(path, body, "text/plain");
  if (!res) throw ks::Error("cannot reach ks-test-apiserver at " + server_ + path);
  if (res->status != 200) {
    throw ks::Error(method + " " + path + " answered " + std::to_string(res->status) + ": " +
                    res->body);
  }
  return res->body;
}

nlohmann::json TestApiServer::requests() const {
  return nlohmann::json::parse(call("GET", "/_test/requests", ""));
}

void TestApiServer::reset_log() {
  call("POST", "/_test/reset-log", "");
}

void TestApiServer::set_faults(std::string spec) {
  call("POST", "/_test/faults", spec);
}

}  // namespace ks_test
