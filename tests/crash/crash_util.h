#pragma once
// Helpers of the crash harness: app state by content hash, killing ks at a moment, background
// ks processes, holding an app's lock as another ks would.
#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <sys/types.h>

#include "ks_test.h"

namespace crash {

namespace stdfs = std::filesystem;

void expect_ok(const ks_test::Run& r, const std::string& what);

// A local registry with package `demo` (parts.yaml, a prototype, a library file).
void write_registry(const stdfs::path& dir);

// relative path → sha256 of every regular file of the app, except ks's own .ksonnet/ state.
using State = std::map<std::string, std::string>;
State app_state(const stdfs::path& app);
// Which files are neither as before nor as after.
std::string describe_mix(const State& before, const State& after, const State& now);

struct Outcome {
  bool killed = false;  // false: ks had finished before the kill
};
// Starts ks (sandbox environment) in `cwd`, SIGKILLs it after `delay`, reaps it.
Outcome run_and_kill(const ks_test::Sandbox& sb, const std::vector<std::string>& args,
                     const stdfs::path& cwd, std::chrono::microseconds delay);

// A ks process running in the background; stderr goes to a file read while it runs.
class Background {
 public:
  Background(const ks_test::Sandbox& sb, const std::vector<std::string>& args,
             const stdfs::path& cwd, const std::map<std::string, std::string>& env = {});
  ~Background();
  Background(const Background&) = delete;
  Background& operator=(const Background&) = delete;
  bool finished();
  int wait();  // exit code, or 128+signal
  void signal(int sig);
  std::string stdout_so_far() const;
  std::string stderr_so_far() const;

 private:
  ks::fs::TempDir dir_;
  pid_t pid_ = -1;
  int status_ = -1;
};

// Holds .ksonnet/lock of an app the way a running ks does (flock).
class HeldLock {
 public:
  explicit HeldLock(const stdfs::path& app);
  ~HeldLock() { release(); }
  void release();

 private:
  int fd_ = -1;
};

}  // namespace crash
