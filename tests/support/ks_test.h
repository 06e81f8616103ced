#pragma once
// Helpers for tests that run the real `ks` binary (and the test API server) in temp dirs.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "base/fs.h"
#include "base/process.h"

namespace ks_test {

namespace stdfs = std::filesystem;

struct Run {
  int code = -1;
  std::string out;
  std::string err;
};

// Runs `ks args...` in `cwd` with HOME and KUBECONFIG pointed at `home` (so no test touches the
// real user's files) plus any extra environment.
Run ks(const std::vector<std::string>& args, const stdfs::path& cwd,
       const std::map<std::string, std::string>& env = {});

// A temp dir that is removed at the end of the test; `home()` is a private HOME inside it.
class Sandbox {
 public:
  Sandbox();
  const stdfs::path& root() const { return dir_.path(); }
  stdfs::path home() const { return dir_.path() / "home"; }
  // Runs ks with HOME=home() and KUBECONFIG unset unless `env` sets it.
  Run ks(const std::vector<std::string>& args, const stdfs::path& cwd,
         std::map<std::string, std::string> env = {}) const;
  Run ks(const std::vector<std::string>& args) const { return ks(args, root()); }

 private:
  ks::fs::TempDir dir_;
};

std::string read(const stdfs::path& p);
void write(const stdfs::path& p, const std::string& content);
// Every regular file below `dir` (relative path → content), for byte-identical comparisons.
std::map<std::string, std::string> snapshot(const stdfs::path& dir);
std::string source_path(const std::string& rel);  // path inside the source tree

}  // namespace ks_test
