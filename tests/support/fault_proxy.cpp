#include "fault_proxy.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdlib>
#include <sstream>
#include <thread>

#include "base/error.h"

extern char** environ;

namespace ks_test {

namespace stdfs = std::filesystem;

std::string fault_proxy_path() {
  std::vector<stdfs::path> candidates;
  if (const char* p = std::getenv("KS_TEST_FAULTPROXY"); p && *p) candidates.push_back(p);
  if (const char* b = std::getenv("KS_CLUSTER_BIN"); b && *b) {
    candidates.push_back(stdfs::path(b) / "faultproxy");
  }
  candidates.push_back(stdfs::path(KS_SOURCE_DIR) / "build" / "cluster" / "faultproxy");
  for (const auto& c : candidates) {
    if (stdfs::exists(c)) return c.string();
  }
  return "";
}

FaultProxy::FaultProxy(const std::string& upstream, const std::string& pki_dir,
                       const std::vector<std::string>& flags)
    : dir_("ks-faultproxy-") {
  std::string binary = fault_proxy_path();
  if (binary.empty()) {
    throw ks::Error("no faultproxy: run scripts/cluster build (or set KS_TEST_FAULTPROXY)");
  }
  stdfs::path port_file = dir_.path() / "port";
  std::vector<std::string> args = {binary,
                                   "--upstream",
                                   upstream,
                                   "--pki",
                                   pki_dir,
                                   "--port-file",
                                   port_file.string(),
                                   "--log",
                                   (dir_.path() / "requests.jsonl").string()};
  args.insert(args.end(), flags.begin(), flags.end());
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::string out = (dir_.path() / "proxy.log").string();
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  int rc = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw ks::Error("cannot start " + binary);
  // Bounded: the proxy writes its port as soon as it listens (a process start, no build).
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  std::string port;
  while (!ks::fs::read_file_if_exists(port_file, port)) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      std::string text;
      ks::fs::read_file_if_exists(out, text);
      throw ks::Error("faultproxy exited at start: " + text);
    }
    if (std::chrono::steady_clock::now() > deadline) {
      throw ks::Error("faultproxy did not listen within 20s; its output: " + out);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  while (!port.empty() && (port.back() == '\n')) port.pop_back();
  server_ = "https://127.0.0.1:" + port;
}

FaultProxy::~FaultProxy() {
  if (pid_ <= 0) return;
  kill(pid_, SIGTERM);
  int status = 0;
  waitpid(pid_, &status, 0);
}

nlohmann::json FaultProxy::log() const {
  std::string text;
  ks::fs::read_file_if_exists(dir_.path() / "requests.jsonl", text);
  nlohmann::json out = nlohmann::json::array();
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty()) out.push_back(nlohmann::json::parse(line));
  }
  return out;
}

}  // namespace ks_test
