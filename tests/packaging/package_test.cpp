// `cmake --install` puts ks, its man pages and its completion scripts where tools look for
// them, and CPack's .deb declares every shared library ks needs and runs once unpacked.
#include <gtest/gtest.h>

#include "base/process.h"
#include "base/strings.h"
#include "ks_test.h"

namespace {

namespace stdfs = std::filesystem;

ks::process::Result run(const std::vector<std::string>& argv) {
  ks::process::Options options;
  options.timeout = std::chrono::milliseconds(300000);
  return ks::process::run(argv, options);
}

void expect_runs(const stdfs::path& ks) {
  auto r = run({ks.string(), "version"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("ks version: "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("git commit: "), std::string::npos) << r.out;
}

TEST(Packaging, InstallPutsBinaryManPagesAndCompletionsInStandardPlaces) {
  ks::fs::TempDir tmp("ks-packaging");
  auto prefix = tmp.path() / "prefix";
  auto r = run({"cmake", "--install", KS_BUILD_DIR, "--prefix", prefix.string()});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  for (const char* file :
       {"bin/ks", "share/man/man1/ks.1", "share/man/man1/ks-apply.1", "share/man/man1/ks-env-add.1",
        "share/bash-completion/completions/ks", "share/zsh/vendor-completions/_ks",
        "share/fish/vendor_completions.d/ks.fish"})
    EXPECT_TRUE(stdfs::is_regular_file(prefix / file)) << file;
  EXPECT_NE(ks_test::read(prefix / "share/bash-completion/completions/ks").find("complete "),
            std::string::npos);
  EXPECT_NE(ks_test::read(prefix / "share/zsh/vendor-completions/_ks").find("#compdef ks"),
            std::string::npos);
  expect_runs(prefix / "bin/ks");
}

TEST(Packaging, DebDependsOnEveryLinkedLibraryAndRunsFromAScratchRoot) {
  ks::fs::TempDir tmp("ks-packaging");
  auto r = run({"cpack", "-G", "DEB", "--config", std::string(KS_BUILD_DIR) + "/CPackConfig.cmake",
                "-B", tmp.path().string()});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  stdfs::path deb;
  for (const auto& entry : stdfs::directory_iterator(tmp.path()))
    if (entry.path().extension() == ".deb") deb = entry.path();
  ASSERT_FALSE(deb.empty()) << r.out;

  auto depends = run({"dpkg-deb", "--field", deb.string(), "Depends"});
  ASSERT_EQ(depends.exit_code, 0) << depends.err;
  // One package per NEEDED library of the binary (tests/cli/linking_test.cpp), named as Debian
  // names them; the version suffixes follow the build machine's packages.
  for (const char* package : {"libcurl", "libgit2-", "libssl", "libjsonnet", "libyaml-cpp",
                              "libre2-", "libmimalloc2", "libstdc++6", "libc6"})
    EXPECT_NE(depends.out.find(package), std::string::npos) << package << " in " << depends.out;

  auto contents = run({"dpkg-deb", "--contents", deb.string()});
  ASSERT_EQ(contents.exit_code, 0) << contents.err;
  for (const char* file :
       {"./usr/bin/ks", "./usr/share/man/man1/ks.1", "./usr/share/bash-completion/completions/ks",
        "./usr/share/zsh/vendor-completions/_ks", "./usr/share/fish/vendor_completions.d/ks.fish"})
    EXPECT_NE(contents.out.find(file), std::string::npos) << file << " in " << contents.out;

  auto root = tmp.path() / "root";
  auto unpack = run({"dpkg", "-x", deb.string(), root.string()});
  ASSERT_EQ(unpack.exit_code, 0) << unpack.err;
  expect_runs(root / "usr/bin/ks");
}

}  // namespace
