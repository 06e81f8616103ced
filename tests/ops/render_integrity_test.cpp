// Every use case that renders refuses a vendored package that drifted from app.yaml's sha256:
// show, and diff of two envs (which once skipped the check), fail the same way.
#include <gtest/gtest.h>

#include <sstream>

#include "base/error.h"
#include "ks_test.h"
#include "ops/deploy.h"
#include "ops/env.h"
#include "ops/pkg.h"
#include "ops/registry.h"
#include "ops/show.h"
#include "ops_fixture.h"

namespace {

using ks_test::write;

class OpsIntegrity : public ops_test::AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    std::filesystem::path reg = tmp.path() / "reg";
    write(reg / "registry.yaml",
          "apiVersion: 0.2.0\nkind: ksonnet.io/registry\nlibraries:\n  p:\n    path: p\n    "
          "version: master\n");
    write(reg / "p/parts.yaml",
          "apiVersion: 0.0.1\nkind: ksonnet.io/parts\nname: p\ndescription: d\n");
    write(reg / "p/p.libsonnet", "{ name: 'from-p' }\n");
    std::ostringstream log;
    ks::ops::AddRequest add;
    add.name = "reg";
    add.uri = reg.string();
    ks::ops::registry_add(dir(), add, log);
    ks::ops::pkg_install(dir(), {"reg/p", ""}, log);
    write(root / "components/c.jsonnet",
          "{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: (import "
          "'reg/p/p.libsonnet').name } }\n");
    ks::ops::EnvAddOptions other;
    other.name = "other";
    other.cluster.server = "https://10.0.0.2:6443";
    ks::ops::env_add(dir(), other);
  }
  // The message a use case fails with ("" when it does not fail).
  template <typename Fn>
  static std::string failure(Fn&& fn) {
    try {
      fn();
    } catch (const ks::Error& e) {
      return e.what();
    }
    return "";
  }
  ks::ops::ShowOptions show_default{{"default", {}}, ks::ops::ObjectFormat::Yaml};
};

TEST_F(OpsIntegrity, IntactPackagesRender) {
  auto shown = ks::ops::show(dir(), show_default);
  ASSERT_EQ(shown.objects.size(), 1u);
  EXPECT_EQ(shown.objects[0]["metadata"]["name"], "from-p");
  ks::ops::DiffOptions two;
  two.envs = {"default", "other"};
  auto d = ks::ops::diff(dir(), two);
  EXPECT_TRUE(d.errors.empty());
}

TEST_F(OpsIntegrity, ShowAndDiffOfTwoEnvsRefuseATamperedPackageAlike) {
  write(root / "vendor/reg/p/p.libsonnet", "{ name: 'tampered' }\n");
  std::string shown = failure([&] { ks::ops::show(dir(), show_default); });
  EXPECT_NE(shown.find("vendored package reg/p"), std::string::npos) << shown;
  ks::ops::DiffOptions two;
  two.envs = {"default", "other"};
  EXPECT_EQ(failure([&] { ks::ops::diff(dir(), two); }), shown);
  // Before any cluster is contacted (the env's server does not exist).
  ks::ops::DiffOptions one;
  one.envs = {"default"};
  EXPECT_EQ(failure([&] { ks::ops::diff(dir(), one); }), shown);
  ks::ops::ApplyOptions apply;
  apply.target.env = "default";
  apply.cluster.dry_run = ks::ops::DryRun::Client;
  EXPECT_EQ(failure([&] { ks::ops::apply(dir(), apply); }), shown);
}

}  // namespace
