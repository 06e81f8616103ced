#include "base/process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "base/error.h"

extern char** environ;

namespace ks::process {

namespace {

struct Pipe {
  int fds[2] = {-1, -1};
  Pipe() {
    if (::pipe2(fds, O_CLOEXEC) != 0)
      throw Error(std::string("cannot create a pipe: ") + std::strerror(errno));
  }
  ~Pipe() {
    close_read();
    close_write();
  }
  void close_read() {
    if (fds[0] >= 0) ::close(fds[0]);
    fds[0] = -1;
  }
  void close_write() {
    if (fds[1] >= 0) ::close(fds[1]);
    fds[1] = -1;
  }
};

std::vector<std::string> build_env(const Options& o) {
  std::map<std::string, std::string> vars;
  if (!o.clear_env) {
    for (char** e = environ; *e; ++e) {
      std::string kv = *e;
      auto eq = kv.find('=');
      if (eq != std::string::npos) vars[kv.substr(0, eq)] = kv.substr(eq + 1);
    }
  }
  for (const auto& k : o.env_unset) vars.erase(k);
  for (const auto& [k, v] : o.env_set) vars[k] = v;
  std::vector<std::string> out;
  for (const auto& [k, v] : vars) out.push_back(k + "=" + v);
  return out;
}

}  // namespace

Result run(const std::vector<std::string>& argv, const Options& options) {
  if (argv.empty()) throw Error("internal: empty command");
  Pipe in, out, err;
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  if (!options.inherit_stdin) posix_spawn_file_actions_adddup2(&fa, in.fds[0], 0);
  posix_spawn_file_actions_adddup2(&fa, out.fds[1], 1);
  if (!options.inherit_stderr) posix_spawn_file_actions_adddup2(&fa, err.fds[1], 2);
  if (!options.cwd.empty()) posix_spawn_file_actions_addchdir_np(&fa, options.cwd.c_str());

  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  std::vector<std::string> env_strings = build_env(options);
  std::vector<char*> envp;
  for (auto& e : env_strings) envp.push_back(e.data());
  envp.push_back(nullptr);

  // A fresh process group lets a timeout kill the child's children too.
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  // A child reading the terminal stays in the foreground group (else it is stopped by SIGTTIN).
  const bool own_group = !options.inherit_stdin;
  if (own_group) {
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&attr, 0);
  }

  pid_t pid = 0;
  int rc = argv[0].find('/') == std::string::npos
               ? posix_spawnp(&pid, argv[0].c_str(), &fa, &attr, args.data(), envp.data())
               : posix_spawn(&pid, argv[0].c_str(), &fa, &attr, args.data(), envp.data());
  posix_spawn_file_actions_destroy(&fa);
  posix_spawnattr_destroy(&attr);
  if (rc != 0) throw Error("cannot run " + argv[0] + ": " + std::strerror(rc));
  in.close_read();
  out.close_write();
  err.close_write();
  if (options.inherit_stdin) in.close_write();
  if (options.inherit_stderr) err.close_read();

  Result result;
  size_t written = 0;
  if (options.stdin_data.empty()) in.close_write();
  auto deadline = options.timeout ? std::chrono::steady_clock::now() + *options.timeout
                                  : std::chrono::steady_clock::time_point::max();
  ::signal(SIGPIPE, SIG_IGN);
  while (out.fds[0] >= 0 || err.fds[0] >= 0) {
    std::vector<pollfd> pfds;
    if (out.fds[0] >= 0) pfds.push_back({out.fds[0], POLLIN, 0});
    if (err.fds[0] >= 0) pfds.push_back({err.fds[0], POLLIN, 0});
    if (in.fds[1] >= 0) pfds.push_back({in.fds[1], POLLOUT, 0});
    int wait_ms = -1;
    if (options.timeout) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) {
        ::kill(own_group ? -pid : pid, SIGKILL);
        result.timed_out = true;
        break;
      }
      wait_ms = static_cast<int>(left.count());
    }
    int n = ::poll(pfds.data(), pfds.size(), wait_ms);
    if (n < 0 && errno == EINTR) continue;
    for (auto& p : pfds) {
      if (!p.revents) continue;
      if (p.fd == in.fds[1]) {
        ssize_t w =
            ::write(p.fd, options.stdin_data.data() + written, options.stdin_data.size() - written);
        if (w > 0) written += static_cast<size_t>(w);
        if (w < 0 || written == options.stdin_data.size()) in.close_write();
        continue;
      }
      char buf[65536];
      ssize_t r = ::read(p.fd, buf, sizeof buf);
      std::string& sink = p.fd == out.fds[0] ? result.out : result.err;
      if (r > 0) {
        sink.append(buf, static_cast<size_t>(r));
      } else if (r == 0 || errno != EINTR) {
        if (p.fd == out.fds[0])
          out.close_read();
        else
          err.close_read();
      }
    }
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status))
    result.exit_code = WEXITSTATUS(status);
  else if (WIFSIGNALED(status))
    result.exit_code = 128 + WTERMSIG(status);
  return result;
}

}  // namespace ks::process
