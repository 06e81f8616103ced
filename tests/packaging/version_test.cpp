// `ks version` names the git commit it was built from, "unknown" when built outside a checkout,
// and has a documented machine-readable form (docs/output.md).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "base/process.h"
#include "base/strings.h"
#include "ks_test.h"

namespace {

namespace stdfs = std::filesystem;

std::string git_head() {
  auto r = ks::process::run({"git", "-C", KS_SOURCE_DIR, "rev-parse", "HEAD"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return ks::str::trim(r.out);
}

TEST(Version, ShowsTheCommitItWasBuiltFrom) {
  ks_test::Sandbox sb;
  auto r = sb.ks({"version"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("git commit: " + git_head()), std::string::npos)
      << r.out << "(a build older than the last commit? `ninja -C build ks` records HEAD again)";

  auto j = sb.ks({"version", "-o", "json"});
  ASSERT_EQ(j.code, 0) << j.err;
  auto info = nlohmann::json::parse(j.out);
  EXPECT_EQ(info["apiVersion"], "ks.io/v1");
  EXPECT_EQ(info["kind"], "Version");
  EXPECT_EQ(info["commit"].get<std::string>().rfind(git_head(), 0), 0u) << info;
  EXPECT_FALSE(info["version"].get<std::string>().empty());
  EXPECT_EQ(info["jsonnetVersion"].get<std::string>().rfind("v0.", 0), 0u) << info;

  auto y = sb.ks({"version", "-o", "yaml"});
  ASSERT_EQ(y.code, 0) << y.err;
  EXPECT_NE(y.out.find("kind: Version\n"), std::string::npos) << y.out;
}

// Runs cmake/build_info.cmake for `source` and returns the generated file.
std::string build_info_for(const stdfs::path& source, const stdfs::path& out) {
  auto r = ks::process::run({"cmake", "-DSOURCE_DIR=" + source.string(), "-DOUTPUT=" + out.string(),
                             "-P", ks_test::source_path("cmake/build_info.cmake")});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return ks_test::read(out);
}

TEST(Version, CommitIsUnknownOutsideACheckout) {
  ks::fs::TempDir tmp("ks-packaging");
  auto tarball = tmp.path() / "ks-0.1.0";
  stdfs::create_directories(tarball);
  EXPECT_NE(build_info_for(tarball, tmp.path() / "a.cpp").find("return \"unknown\";"),
            std::string::npos);
  // Unpacked inside someone else's repository: still not ks's commit.
  auto outer = tmp.path() / "outer";
  stdfs::create_directories(outer / "ks-0.1.0");
  ASSERT_EQ(ks::process::run({"git", "init", "-q", outer.string()}).exit_code, 0);
  EXPECT_NE(build_info_for(outer / "ks-0.1.0", tmp.path() / "b.cpp").find("return \"unknown\";"),
            std::string::npos);
  // The checkout itself: its HEAD.
  EXPECT_NE(build_info_for(KS_SOURCE_DIR, tmp.path() / "c.cpp").find("return \"" + git_head()),
            std::string::npos);
}

}  // namespace
