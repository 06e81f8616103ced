// Replays every file of tests/fuzz/corpus/NAME/ through fuzz target NAME: seeds and every input
// that once crashed (named crash-*) stay regression tests in the normal build.
#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <map>

#include "base/fs.h"
#include "fuzz_target.h"

KS_FUZZ_TARGET(prototype_header);
KS_FUZZ_TARGET(param_value);
KS_FUZZ_TARGET(params_edit);
KS_FUZZ_TARGET(app_yaml);
KS_FUZZ_TARGET(registry_yaml);
KS_FUZZ_TARGET(kubeconfig);

namespace {

namespace stdfs = std::filesystem;

void replay(const std::string& name, const std::function<int(const uint8_t*, size_t)>& target) {
  stdfs::path dir = stdfs::path(KS_FUZZ_CORPUS) / name;
  ASSERT_TRUE(stdfs::is_directory(dir)) << dir;
  int files = 0;
  for (const auto& e : stdfs::directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    std::string data = ks::fs::read_file(e.path());
    SCOPED_TRACE(e.path().string());
    EXPECT_EQ(target(reinterpret_cast<const uint8_t*>(data.data()), data.size()), 0);
    ++files;
  }
  EXPECT_GE(files, 3) << "every target has a seed corpus";
}

TEST(FuzzCorpus, PrototypeHeader) {
  replay("prototype_header", ks_fuzz_prototype_header);
}
TEST(FuzzCorpus, ParamValue) {
  replay("param_value", ks_fuzz_param_value);
}
TEST(FuzzCorpus, ParamsEdit) {
  replay("params_edit", ks_fuzz_params_edit);
}
TEST(FuzzCorpus, AppYaml) {
  replay("app_yaml", ks_fuzz_app_yaml);
}
TEST(FuzzCorpus, RegistryYaml) {
  replay("registry_yaml", ks_fuzz_registry_yaml);
}
TEST(FuzzCorpus, Kubeconfig) {
  replay("kubeconfig", ks_fuzz_kubeconfig);
}

}  // namespace
