// ops::param_set / unset / list / diff on an app's real params files.
#include <gtest/gtest.h>

#include "base/error.h"
#include "ks_test.h"
#include "ops/env.h"
#include "ops/params.h"
#include "ops_fixture.h"

namespace {

using ks_test::read;
using ks_test::write;

class OpsParams : public ops_test::AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    write(root / "components/c.jsonnet",
          "{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }\n");
  }
  nlohmann::json value(const std::string& env, const std::string& key) {
    auto listed = ks::ops::param_list(dir(), {env, "c", ""});
    for (const auto& e : listed.entries)
      if (e.component == "c" && e.param == key) return e.value;
    return nullptr;
  }
};

TEST_F(OpsParams, SetWritesTheComponentsParamsFileAndListReadsItBack) {
  ks::ops::param_set(dir(), {{"", "c"}, "replicas", "2", false});
  EXPECT_NE(read(root / "components/params.libsonnet").find("replicas: 2"), std::string::npos)
      << read(root / "components/params.libsonnet");
  EXPECT_EQ(value("", "replicas"), 2);
  auto listed = ks::ops::param_list(dir(), {"", "", ""});
  EXPECT_EQ(listed.by_component["c"]["replicas"], 2);
  // --as-string keeps what looks like a number a string.
  ks::ops::param_set(dir(), {{"", "c"}, "tag", "2", true});
  EXPECT_EQ(value("", "tag"), "2");
}

TEST_F(OpsParams, AnEnvOverrideGoesToTheEnvsFileAndOnlyThatEnvSeesIt) {
  ks::ops::param_set(dir(), {{"", "c"}, "replicas", "1", false});
  ks::ops::param_set(dir(), {{"default", "c"}, "replicas", "3", false});
  EXPECT_NE(read(root / "environments/default/params.libsonnet").find("replicas: 3"),
            std::string::npos);
  EXPECT_EQ(value("default", "replicas"), 3);
  EXPECT_EQ(value("", "replicas"), 1);
  ks::ops::EnvAddOptions other;
  other.name = "other";
  other.cluster.server = "https://10.0.0.2:6443";
  ks::ops::env_add(dir(), other);
  auto diff = ks::ops::param_diff(dir(), {"default", "other", ""});
  ASSERT_EQ(diff.size(), 1u);
  EXPECT_EQ(diff[0].component, "c");
  EXPECT_EQ(diff[0].param, "replicas");
  EXPECT_EQ(diff[0].in_env1, nlohmann::json(3));
  EXPECT_EQ(diff[0].in_env2, nlohmann::json(1));
}

TEST_F(OpsParams, AnUnknownEnvIsRefusedAndNothingIsWritten) {
  auto before = ks_test::snapshot(root);
  try {
    ks::ops::param_set(dir(), {{"nope", "c"}, "replicas", "3", false});
    ADD_FAILURE() << "no error for an unknown env";
  } catch (const ks::Error& e) {
    EXPECT_NE(std::string(e.what()).find("nope"), std::string::npos) << e.what();
  }
  EXPECT_EQ(ks_test::snapshot(root), before);
}

TEST_F(OpsParams, UnsetRemovesTheParamAndRefusesOneThatIsNotSet) {
  ks::ops::param_set(dir(), {{"", "c"}, "replicas", "2", false});
  ks::ops::param_unset(dir(), {{"", "c"}, "replicas"});
  EXPECT_EQ(read(root / "components/params.libsonnet").find("replicas: 2"), std::string::npos);
  EXPECT_EQ(value("", "replicas"), nullptr);
  EXPECT_THROW(ks::ops::param_unset(dir(), {{"", "c"}, "replicas"}), ks::Error);
}

TEST_F(OpsParams, ListingAComponentWithoutParamsIsAnError) {
  EXPECT_THROW(ks::ops::param_list(dir(), {"", "missing", ""}), ks::Error);
}

}  // namespace
