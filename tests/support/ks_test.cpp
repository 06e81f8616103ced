#include "ks_test.h"

#include <fstream>

namespace ks_test {

Run ks(const std::vector<std::string>& args, const stdfs::path& cwd,
       const std::map<std::string, std::string>& env) {
  std::vector<std::string> argv = {KS_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  ks::process::Options opts;
  opts.cwd = cwd.string();
  opts.env_set = env;
  opts.env_set["NO_COLOR"] = "1";
  opts.timeout = std::chrono::milliseconds(120000);
  auto r = ks::process::run(argv, opts);
  return {r.exit_code, r.out, r.err};
}

Sandbox::Sandbox() : dir_("ks-test-") {
  stdfs::create_directories(home());
}

Run Sandbox::ks(const std::vector<std::string>& args, const stdfs::path& cwd,
                std::map<std::string, std::string> env) const {
  env.emplace("HOME", home().string());
  env.emplace("KUBECONFIG", (home() / ".kube" / "config").string());
  env.emplace("XDG_CACHE_HOME", (home() / ".cache").string());
  return ks_test::ks(args, cwd, env);
}

std::string read(const stdfs::path& p) {
  return ks::fs::read_file(p);
}

void write(const stdfs::path& p, const std::string& content) {
  stdfs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << content;
}

std::map<std::string, std::string> snapshot(const stdfs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& e : stdfs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file())
      files[stdfs::relative(e.path(), dir).generic_string()] = read(e.path());
  }
  return files;
}

std::string source_path(const std::string& rel) {
  return std::string(KS_SOURCE_DIR) + "/" + rel;
}

}  // namespace ks_test
