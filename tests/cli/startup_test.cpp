// Start-up loads only what the command needs: libcurl, libgit2 and libcrypto (and the ~35
// libraries they bring) are opened on first use, so `ks version` and an offline `ks show` never
// map them. Checked with the dynamic loader's own log of the libraries it opens.
#include <gtest/gtest.h>

#include "cli_util.h"

namespace {

using ks_test::Sandbox;
using ks_test::cli::expect_ok;

bool loaded(const std::string& loader_log, const std::string& soname) {
  return loader_log.find("file=" + soname) != std::string::npos;
}

TEST(Startup, VersionAndOfflineShowOpenNoNetworkGitOrCryptoLibrary) {
  Sandbox sb;
  auto version = sb.ks({"version"}, sb.root(), {{"LD_DEBUG", "files"}});
  expect_ok(version, "version");
  ASSERT_TRUE(loaded(version.err, "libjsonnet.so.0")) << "LD_DEBUG log missing: " << version.err;
  for (const char* lib : {"libcurl.so.4", "libgit2.so.1.5", "libcrypto.so.3"})
    EXPECT_FALSE(loaded(version.err, lib)) << lib;

  expect_ok(sb.ks({"init", "shop", "--server", "https://k8s.example:443"}), "init");
  expect_ok(sb.ks({"generate", "deployed-service", "web", "--image=nginx"}, sb.root() / "shop"),
            "generate");
  auto show = sb.ks({"show", "default"}, sb.root() / "shop", {{"LD_DEBUG", "files"}});
  expect_ok(show, "show");
  EXPECT_NE(show.out.find("kind: Deployment"), std::string::npos) << show.out;
  EXPECT_FALSE(loaded(show.err, "libcurl.so.4"));
  EXPECT_FALSE(loaded(show.err, "libgit2.so.1.5"));
}

}  // namespace
