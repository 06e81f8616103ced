#pragma once
// Runs a program directly (never through a shell) and captures its output.
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ks::process {

struct Options {
  std::string stdin_data;
  std::string cwd;                             // empty: inherit
  std::map<std::string, std::string> env_set;  // added to (or replacing in) the environment
  std::vector<std::string> env_unset;
  bool clear_env = false;  // start from an empty environment
  // The child reads this process's stdin (a terminal, for an interactive login) instead of
  // `stdin_data`; it then stays in ks's process group so it may read the terminal.
  bool inherit_stdin = false;
  bool inherit_stderr = false;  // the child's stderr goes to ks's stderr, uncaptured
  std::optional<std::chrono::milliseconds> timeout;  // SIGKILL after this long
};

struct Result {
  int exit_code = -1;  // 128+signal when killed by a signal
  bool timed_out = false;
  std::string out;
  std::string err;
};

// Runs argv[0] (looked up in PATH when it has no slash). Throws ks::Error when it cannot start.
Result run(const std::vector<std::string>& argv, const Options& options = {});

}  // namespace ks::process
