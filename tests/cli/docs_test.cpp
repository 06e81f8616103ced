// The committed CLI reference (docs/cli/) is what `ks docs` generates from the CLI definitions.
#include <gtest/gtest.h>

#include "cli_util.h"

namespace {

namespace stdfs = std::filesystem;

using ks_test::Sandbox;

// The pages `ks docs [--man]` writes that differ from, are missing from or are extra in the
// committed folder `committed_dir`.
std::vector<std::string> stale_pages(const std::vector<std::string>& extra_args,
                                     const std::string& committed_dir) {
  Sandbox sb;
  auto out = sb.root() / "pages";
  std::vector<std::string> args = {"docs", "--out", out.string()};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  auto r = sb.ks(args);
  EXPECT_EQ(r.code, 0) << r.err;
  auto generated = ks_test::snapshot(out);
  auto committed = ks_test::snapshot(ks_test::source_path(committed_dir));
  EXPECT_FALSE(generated.empty());
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
  return stale;
}

TEST(Docs, CommittedReferenceMatchesTheBinary) {
  auto stale = stale_pages({}, "docs/cli");
  EXPECT_TRUE(stale.empty()) << "docs/cli/ is stale: " << ks::str::join(stale, ", ")
                             << "\nRefresh it with: build/ks docs --out docs/cli";
}

TEST(Docs, CommittedManPagesMatchTheBinary) {
  auto stale = stale_pages({"--man"}, "docs/man");
  EXPECT_TRUE(stale.empty())
      << "docs/man/ is stale: " << ks::str::join(stale, ", ")
      << "\nRefresh it with: rm -r docs/man && build/ks docs --man --out docs/man";
}

TEST(Docs, ManPagePerCommandWithSynopsisOptionsAndExamples) {
  Sandbox sb;
  auto out = sb.root() / "man";
  ASSERT_EQ(sb.ks({"docs", "--man", "--out", out.string()}).code, 0);
  std::string env_add = ks_test::read(out / "ks-env-add.1");
  EXPECT_NE(env_add.find(".TH \"KS-ENV-ADD\" 1"), std::string::npos) << env_add;
  EXPECT_NE(env_add.find(".SH NAME\nks\\-env\\-add \\- "), std::string::npos) << env_add;
  EXPECT_NE(env_add.find(".B \\-\\-context TEXT\n"), std::string::npos) << env_add;
  EXPECT_NE(env_add.find("ks env add gke \\-\\-context=gke"), std::string::npos) << env_add;
  EXPECT_NE(env_add.find(".SH SEE ALSO\n.BR ks\\-env (1)"), std::string::npos) << env_add;
  std::string root = ks_test::read(out / "ks.1");
  EXPECT_NE(root.find(".BR ks\\-apply (1)"), std::string::npos) << root;
  EXPECT_FALSE(stdfs::exists(out / "ks-__complete.1"));
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
