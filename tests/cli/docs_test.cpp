// The committed CLI reference (docs/cli/) is what `ks docs` generates from the CLI definitions.
#include <gtest/gtest.h>

#include "cli_util.h"

namespace {

namespace stdfs = std::filesystem;

using ks_test::Sandbox;

TEST(Docs, CommittedReferenceMatchesTheBinary) {
  Sandbox sb;
  auto out = sb.root() / "cli";
  auto r = sb.ks({"docs", "--out", out.string()});
  ASSERT_EQ(r.code, 0) << r.err;
  auto generated = ks_test::snapshot(out);
  auto committed = ks_test::snapshot(ks_test::source_path("docs/cli"));
  std::vector<std::string> stale;
  for (const auto& [name, text] : generated) {
    auto it = committed.find(name);
    if (it == committed.end())
      stale.push_back(name + " (missing)");
    else if (it->second != text)
      stale.push_back(name + " (differs)");
  }
  for (const auto& [name, text] : committed)
    if (!generated.count(name)) stale.push_back(name + " (no longer generated; delete it)");
  EXPECT_TRUE(stale.empty()) << "docs/cli/ is stale: " << ks::str::join(stale, ", ")
                             << "\nRefresh it with: build/ks docs --out docs/cli";
}

TEST(Docs, OnePagePerCommandWithUsageFlagsAndExamples) {
  Sandbox sb;
  auto out = sb.root() / "cli";
  ASSERT_EQ(sb.ks({"docs", "--out", out.string()}).code, 0);
  std::string env_add = ks_test::read(out / "ks_env_add.md");
  EXPECT_EQ(env_add.rfind("# ks env add\n", 0), 0u) << env_add;
  EXPECT_NE(env_add.find("ks env add [flags] <name>"), std::string::npos) << env_add;
  EXPECT_NE(env_add.find("| `--context TEXT` |"), std::string::npos) << env_add;
  EXPECT_NE(env_add.find("ks env add gke --context=gke"), std::string::npos) << env_add;
  EXPECT_NE(env_add.find("[ks env](ks_env.md)"), std::string::npos) << env_add;
  std::string root = ks_test::read(out / "ks.md");
  EXPECT_NE(root.find("[ks apply](ks_apply.md)"), std::string::npos) << root;
  EXPECT_NE(root.find("--log-level"), std::string::npos) << root;
  // Every page the root links to exists; hidden entry points get none.
  EXPECT_TRUE(stdfs::exists(out / "ks_apply.md"));
  EXPECT_TRUE(stdfs::exists(out / "ks_pkg_install.md"));
  EXPECT_FALSE(stdfs::exists(out / "ks___complete.md"));
}

}  // namespace
