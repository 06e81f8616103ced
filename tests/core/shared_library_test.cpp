// Libraries opened on first use: real functions resolve, and a missing library or function is a
// clear error naming the Debian package.
#include <gtest/gtest.h>

#include "base/error.h"
#include "base/sha256.h"
#include "base/shared_library.h"

namespace {

TEST(SharedLibrary, ResolvesAFunctionOfAnInstalledLibrary) {
  ks::SharedLibrary libm("libm.so.6", "libc6");
  auto* cbrt = reinterpret_cast<double (*)(double)>(libm.symbol("cbrt"));
  EXPECT_DOUBLE_EQ(cbrt(27.0), 3.0);
}

TEST(SharedLibrary, MissingLibraryNamesThePackageToInstall) {
  ks::SharedLibrary missing("libks-no-such-library.so.9", "libks-nothing");
  try {
    missing.symbol("anything");
    FAIL() << "no error";
  } catch (const ks::Error& e) {
    std::string message = e.what();
    EXPECT_NE(message.find("cannot load libks-no-such-library.so.9"), std::string::npos) << message;
    EXPECT_NE(message.find("apt-get install libks-nothing"), std::string::npos) << message;
  }
  // The failure is remembered, not retried into a different message.
  EXPECT_THROW(missing.symbol("other"), ks::Error);
}

TEST(SharedLibrary, MissingFunctionIsAnError) {
  ks::SharedLibrary libm("libm.so.6", "libc6");
  EXPECT_THROW(libm.symbol("ks_no_such_function"), ks::Error);
}

TEST(Sha256, KnownVectorsThroughTheLazilyLoadedLibcrypto) {
  EXPECT_EQ(ks::sha256::hex(ks::sha256::digest("")),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  ks::sha256::Hasher h;
  h.update("a");
  h.update("bc");
  EXPECT_EQ(ks::sha256::hex(h.finish()),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
