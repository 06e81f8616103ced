#include "crash_util.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <signal.h>
#include <spawn.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <thread>

#include "base/error.h"

extern char** environ;

namespace crash {

namespace {

std::string sha256(const std::string& data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), digest, &len, EVP_sha256(), nullptr);
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned i = 0; i < len; ++i) {
    out += hex[digest[i] >> 4];
    out += hex[digest[i] & 15];
  }
  return out;
}

// The sandbox's environment for ks (as ks_test::Sandbox::ks sets it).
std::vector<std::string> sandbox_env(const ks_test::Sandbox& sb,
                                     const std::map<std::string, std::string>& extra) {
  std::map<std::string, std::string> vars;
  for (char** e = environ; *e; ++e) {
    std::string kv = *e;
    auto eq = kv.find('=');
    if (eq != std::string::npos) vars[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  vars["HOME"] = sb.home().string();
  vars["KUBECONFIG"] = (sb.home() / ".kube" / "config").string();
  vars["XDG_CACHE_HOME"] = (sb.home() / ".cache").string();
  vars["NO_COLOR"] = "1";
  // A private temp dir, so a test can see what a killed ks left there.
  vars["TMPDIR"] = (sb.root() / "tmp").string();
  stdfs::create_directories(sb.root() / "tmp");
  for (const auto& [k, v] : extra) vars[k] = v;
  std::vector<std::string> out;
  for (const auto& [k, v] : vars) out.push_back(k + "=" + v);
  return out;
}

pid_t spawn(const ks_test::Sandbox& sb, const std::vector<std::string>& args,
            const stdfs::path& cwd, const std::map<std::string, std::string>& env,
            const std::string& out_file, const std::string& err_file) {
  std::vector<std::string> argv_s = {KS_BINARY};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_s = sandbox_env(sb, env);
  std::vector<char*> envp;
  for (auto& e : env_s) envp.push_back(e.data());
  envp.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 1, out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&fa, 2, err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addchdir_np(&fa, cwd.c_str());
  pid_t pid = -1;
  int rc = posix_spawn(&pid, argv[0], &fa, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&fa);
  if (rc != 0) throw ks::Error("cannot start " + argv_s[0]);
  return pid;
}

int exit_code(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

}  // namespace

void expect_ok(const ks_test::Run& r, const std::string& what) {
  ASSERT_EQ(r.code, 0) << what << "\nstdout: " << r.out << "\nstderr: " << r.err;
}

void write_registry(const stdfs::path& reg) {
  ks_test::write(reg / "registry.yaml",
                 "apiVersion: 0.2.0\nkind: ksonnet.io/registry\nversion: \"\"\nlibraries:\n  "
                 "demo:\n    path: demo\n    version: master\n");
  ks_test::write(reg / "demo" / "parts.yaml",
                 "name: demo\napiVersion: 0.0.1\nkind: ksonnet.io/parts\ndescription: A demo.\n");
  ks_test::write(reg / "demo" / "demo.libsonnet", "{ label: 'web' }\n");
  ks_test::write(reg / "demo" / "prototypes" / "demo.jsonnet",
                 "// @apiVersion 0.1\n// @name io.ksonnet.pkg.demo\n// @shortDescription A "
                 "ConfigMap.\n// @param name string Name of the ConfigMap.\n"
                 "{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: import 'param://name' "
                 "} }\n");
}

State app_state(const stdfs::path& app) {
  State s;
  for (auto it = stdfs::recursive_directory_iterator(app);
       it != stdfs::recursive_directory_iterator(); ++it) {
    std::string rel = stdfs::relative(it->path(), app).generic_string();
    if (rel == ".ksonnet") {
      it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file()) s[rel] = sha256(ks::fs::read_file(it->path()));
  }
  return s;
}

std::string describe_mix(const State& before, const State& after, const State& now) {
  std::map<std::string, int> keys;
  for (const auto* m : {&before, &after, &now})
    for (const auto& [k, v] : *m) keys[k] = 0;
  auto get = [](const State& m, const std::string& k) {
    auto it = m.find(k);
    return it == m.end() ? std::string("(absent)") : it->second.substr(0, 12);
  };
  std::string out;
  for (const auto& [k, ignored] : keys) {
    std::string b = get(before, k), a = get(after, k), n = get(now, k);
    if (b == a && a == n) continue;
    out += "  " + k + ": before " + b + ", after " + a + ", now " + n +
           (n == b   ? " (old)"
            : n == a ? " (new)"
                     : " (NEITHER)") +
           "\n";
  }
  return out;
}

Outcome run_and_kill(const ks_test::Sandbox& sb, const std::vector<std::string>& args,
                     const stdfs::path& cwd, std::chrono::microseconds delay) {
  pid_t pid = spawn(sb, args, cwd, {}, "/dev/null", "/dev/null");
  std::this_thread::sleep_for(delay);
  ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  return {WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL};
}

Background::Background(const ks_test::Sandbox& sb, const std::vector<std::string>& args,
                       const stdfs::path& cwd, const std::map<std::string, std::string>& env)
    : dir_("ks-bg-") {
  pid_ = spawn(sb, args, cwd, env, (dir_.path() / "out").string(), (dir_.path() / "err").string());
}

Background::~Background() {
  if (pid_ > 0 && status_ < 0) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
}

bool Background::finished() {
  if (status_ >= 0) return true;
  int st = 0;
  if (::waitpid(pid_, &st, WNOHANG) == pid_) status_ = st;
  return status_ >= 0;
}

int Background::wait() {
  if (status_ < 0) {
    int st = 0;
    ::waitpid(pid_, &st, 0);
    status_ = st;
  }
  return exit_code(status_);
}

void Background::signal(int sig) {
  ::kill(pid_, sig);
}

std::string Background::stdout_so_far() const {
  std::string s;
  ks::fs::read_file_if_exists(dir_.path() / "out", s);
  return s;
}

std::string Background::stderr_so_far() const {
  std::string s;
  ks::fs::read_file_if_exists(dir_.path() / "err", s);
  return s;
}

HeldLock::HeldLock(const stdfs::path& app) {
  stdfs::create_directories(app / ".ksonnet");
  fd_ = ::open((app / ".ksonnet" / "lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0 || ::flock(fd_, LOCK_EX) != 0) throw ks::Error("cannot lock " + app.string());
}

void HeldLock::release() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

}  // namespace crash
