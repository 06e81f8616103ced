#pragma once
// Helpers of the CLI tests: running a program with the sandbox's HOME, outside ks_test::ks
// (which always sets NO_COLOR) when a test needs a shell or a pseudo-terminal.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "base/process.h"
#include "base/strings.h"
#include "ks_test.h"

namespace ks_test::cli {

inline ks_test::Run run(const std::vector<std::string>& argv, const stdfs::path& cwd,
                        const Sandbox& sb, std::map<std::string, std::string> env = {},
                        std::vector<std::string> unset = {"NO_COLOR"}) {
  ks::process::Options opts;
  opts.cwd = cwd.string();
  env.emplace("HOME", sb.home().string());
  env.emplace("KUBECONFIG", (sb.home() / ".kube" / "config").string());
  env.emplace("XDG_CACHE_HOME", (sb.home() / ".cache").string());
  opts.env_set = env;
  opts.env_unset = unset;
  opts.timeout = std::chrono::milliseconds(120000);
  auto r = ks::process::run(argv, opts);
  return {r.exit_code, r.out, r.err};
}

inline void expect_ok(const ks_test::Run& r, const std::string& what) {
  EXPECT_EQ(r.code, 0) << what << "\nstdout: " << r.out << "\nstderr: " << r.err;
}

inline std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  for (auto& l : ks::str::split(text, '\n'))
    if (!l.empty()) out.push_back(l);
  return out;
}

}  // namespace ks_test::cli
