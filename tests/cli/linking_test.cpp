// libcurl, libgit2 and libcrypto are linked like any other library: the binary's dynamic section
// names them (so packaging tools such as dpkg-shlibdeps find the dependencies), and the dynamic
// loader resolves them at start-up under whatever soname the build machine's packages provide.
#include <gtest/gtest.h>

#include "cli_util.h"

namespace {

using ks_test::Sandbox;
using ks_test::cli::expect_ok;

std::vector<std::string> needed_libraries() {
  auto r = ks::process::run({"readelf", "-d", KS_BINARY});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> out;
  for (const auto& line : ks_test::cli::lines(r.out)) {
    auto open = line.find("(NEEDED)");
    if (open == std::string::npos) continue;
    auto from = line.find('[');
    auto to = line.find(']');
    if (from != std::string::npos && to != std::string::npos)
      out.push_back(line.substr(from + 1, to - from - 1));
  }
  return out;
}

bool has_prefix(const std::vector<std::string>& names, const std::string& prefix) {
  for (const auto& n : names)
    if (n.rfind(prefix, 0) == 0) return true;
  return false;
}

TEST(Linking, DynamicSectionNamesCurlGit2AndCrypto) {
  auto needed = needed_libraries();
  for (const char* lib : {"libcurl.so.", "libgit2.so.", "libcrypto.so.", "libjsonnet.so.",
                          "libyaml-cpp.so.", "libre2.so.", "libmimalloc.so."})
    EXPECT_TRUE(has_prefix(needed, lib)) << lib << " not in NEEDED: " << ks::str::join(needed, " ");
}

TEST(Linking, LoaderMapsTheLinkedLibrariesAtStartUp) {
  Sandbox sb;
  auto version = sb.ks({"version"}, sb.root(), {{"LD_DEBUG", "files"}});
  expect_ok(version, "version");
  for (const char* lib : {"file=libcurl.so.", "file=libgit2.so.", "file=libcrypto.so."})
    EXPECT_NE(version.err.find(lib), std::string::npos) << lib << " not opened: " << version.err;
}

// mimalloc is the allocator of the whole process, libjsonnet's and libstdc++'s `operator new`
// included: every library's malloc and free bind to it, none to glibc's.
TEST(Linking, EveryMallocAndFreeBindsToMimalloc) {
  Sandbox sb;
  auto version = sb.ks({"version"}, sb.root(), {{"LD_DEBUG", "bindings"}});
  expect_ok(version, "version");
  int bound = 0;
  for (const auto& line : ks_test::cli::lines(version.err)) {
    if (line.find("symbol `malloc'") == std::string::npos &&
        line.find("symbol `free'") == std::string::npos)
      continue;
    ++bound;
    EXPECT_NE(line.find("to /"), std::string::npos) << line;
    EXPECT_NE(line.substr(line.find("to /")).find("libmimalloc.so."), std::string::npos) << line;
  }
  EXPECT_GT(bound, 2) << "no malloc/free bindings seen: " << version.err.substr(0, 2000);
  bool stdcxx_bound = false;
  for (const auto& line : ks_test::cli::lines(version.err))
    if (line.find("binding file ") != std::string::npos &&
        line.find("libstdc++.so.") != std::string::npos &&
        line.find("libmimalloc.so.") != std::string::npos)
      stdcxx_bound = true;
  EXPECT_TRUE(stdcxx_bound) << "libstdc++'s operator new does not call mimalloc";
}

}  // namespace
