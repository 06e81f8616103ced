// Replays every file of tests/fuzz/corpus/NAME/ through fuzz target NAME: seeds and every input
// that once crashed (named crash-*) stay regression tests in the normal build.
// A file's name says what the target must do with it: `seed-*` must be accepted, `reject-*`
// rejected (with ks::Error), anything else (crash-*) just must not break an invariant. Built as
// fuzz_mutation_test (KS_FUZZ_MUTATIONS) with KS_FUZZ_MUTATE=NAME, the same replay must see
// target NAME report its deliberate breakage.
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
KS_FUZZ_TARGET(yaml_stream);
KS_FUZZ_TARGET(import);
KS_FUZZ_TARGET(parse_yaml);

namespace {

namespace stdfs = std::filesystem;

using Target = std::function<int(const uint8_t*, size_t)>;

bool starts_with(const std::string& s, const char* prefix) {
  return s.rfind(prefix, 0) == 0;
}

void replay(const std::string& name, const Target& target) {
  stdfs::path dir = stdfs::path(KS_FUZZ_CORPUS) / name;
  ASSERT_TRUE(stdfs::is_directory(dir)) << dir;
  int accepts = 0, rejects = 0, broken = 0;
  for (const auto& e : stdfs::directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    std::string file = e.path().filename().string();
    std::string data = ks::fs::read_file(e.path());
    SCOPED_TRACE(e.path().string());
    int outcome = -1;
    try {
      outcome = target(reinterpret_cast<const uint8_t*>(data.data()), data.size());
    } catch (const ks_fuzz::InvariantBroken& b) {
      ++broken;
      ADD_FAILURE() << name << " on " << file << ": " << b.what;
      continue;
    } catch (const std::exception& ex) {
      ++broken;
      ADD_FAILURE() << name << " on " << file
                    << ": exception after the input was accepted: " << ex.what();
      continue;
    }
    if (starts_with(file, "seed-")) {
      EXPECT_EQ(outcome, ks_fuzz::kAccepted) << file << " must be accepted";
      ++accepts;
    } else if (starts_with(file, "reject-")) {
      EXPECT_EQ(outcome, ks_fuzz::kRejected) << file << " must be rejected";
      ++rejects;
    }
  }
  EXPECT_GE(accepts, 3) << "every target has at least three valid seeds";
  std::printf("fuzz corpus %s: %d seeds accepted, %d rejected as expected, %d broken\n",
              name.c_str(), accepts, rejects, broken);
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
TEST(FuzzCorpus, YamlStream) {
  replay("yaml_stream", ks_fuzz_yaml_stream);
}
TEST(FuzzCorpus, Import) {
  replay("import", ks_fuzz_import);
}
TEST(FuzzCorpus, ParseYaml) {
  replay("parse_yaml", ks_fuzz_parse_yaml);
}

}  // namespace
