#include <gtest/gtest.h>
#include <openssl/evp.h>

#include "base/error.h"
#include "base/fs.h"
#include "ks_test.h"
#include "registry/tree.h"

namespace ks::registry {
namespace {

namespace stdfs = std::filesystem;

std::string sha256_hex(const std::string& data) {
  unsigned char d[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  EVP_Digest(data.data(), data.size(), d, &n, EVP_sha256(), nullptr);
  std::string out;
  char buf[3];
  for (unsigned i = 0; i < n; ++i) {
    snprintf(buf, sizeof buf, "%02x", d[i]);
    out += buf;
  }
  return out;
}

TEST(Tree, Sha256Definition) {
  fs::TempDir t("tree-");
  ks_test::write(t.path() / "b.txt", "bee");
  ks_test::write(t.path() / "a" / "z.libsonnet", "{}");
  std::string expected = sha256_hex(std::string("a/z.libsonnet") + '\0' + "2" + '\0' + "{}" +
                                    "b.txt" + '\0' + "3" + '\0' + "bee");
  EXPECT_EQ(tree_sha256(t.path()), expected);
  stdfs::permissions(t.path() / "b.txt", stdfs::perms::owner_exec, stdfs::perm_options::add);
  EXPECT_EQ(tree_sha256(t.path()), expected);  // modes do not count
  ks_test::write(t.path() / "b.txt", "bees");
  EXPECT_NE(tree_sha256(t.path()), expected);
}

TEST(Tree, CopyPackageSymlinks) {
  fs::TempDir t("tree-");
  stdfs::path pkg = t.path() / "reg" / "pkg";
  ks_test::write(pkg / "lib" / "real.libsonnet", "{ a: 1 }");
  ks_test::write(t.path() / "reg" / "secret.txt", "secret");
  stdfs::create_symlink("lib/real.libsonnet", pkg / "alias.libsonnet");
  stdfs::create_symlink("lib", pkg / "libdir");
  copy_package(pkg, t.path() / "out", "package reg/pkg");
  EXPECT_FALSE(stdfs::is_symlink(t.path() / "out" / "alias.libsonnet"));
  EXPECT_EQ(ks_test::read(t.path() / "out" / "alias.libsonnet"), "{ a: 1 }");
  EXPECT_EQ(ks_test::read(t.path() / "out" / "libdir" / "real.libsonnet"), "{ a: 1 }");

  stdfs::create_symlink("../secret.txt", pkg / "evil");
  try {
    copy_package(pkg, t.path() / "out2", "package reg/pkg");
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("symlink 'evil' points outside the package"),
              std::string::npos)
        << e.what();
  }
  stdfs::remove(pkg / "evil");
  stdfs::create_symlink("/etc/passwd", pkg / "abs");
  EXPECT_THROW(copy_package(pkg, t.path() / "out3", "package reg/pkg"), Error);
  stdfs::remove(pkg / "abs");
  stdfs::create_symlink("..", pkg / "lib" / "up");
  EXPECT_THROW(copy_package(pkg, t.path() / "out4", "package reg/pkg"), Error);
}

}  // namespace
}  // namespace ks::registry
