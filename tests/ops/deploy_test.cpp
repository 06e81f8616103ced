// ops::apply / delete_env policy that holds before any cluster is contacted.
#include <gtest/gtest.h>

#include "base/error.h"
#include "ks_test.h"
#include "ops/deploy.h"
#include "ops_fixture.h"

namespace {

using ks_test::write;

class OpsDeploy : public ops_test::AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    write(root / "components/a.jsonnet",
          "[{ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' } },"
          " { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'extra' } },"
          " { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'conf' } }]\n");
  }
  std::vector<std::string> kinds(const ks::ops::DeployResult& r) {
    std::vector<std::string> out;
    for (const auto& p : r.planned) out.push_back(p.ref.kind);
    return out;
  }
};

// The env's server (10.0.0.1) is never contacted: a client dry run only plans.
TEST_F(OpsDeploy, AClientDryRunPlansInTierOrderAndDeleteReversesIt) {
  ks::ops::ApplyOptions apply;
  apply.cluster.dry_run = ks::ops::DryRun::Client;
  apply.target.env = "default";
  std::size_t started = 0;
  apply.cluster.progress.on_start = [&](std::size_t total) { started = total; };
  auto planned = ks::ops::apply(dir(), apply);
  EXPECT_EQ(planned.env, "default");
  EXPECT_EQ(planned.total, 3u);
  EXPECT_EQ(started, 3u);
  ASSERT_EQ(planned.planned.size(), 3u);
  EXPECT_EQ(planned.planned.front().ref.kind, "Namespace");
  EXPECT_TRUE(planned.report.objects.empty());

  ks::ops::DeleteOptions del;
  del.cluster.dry_run = ks::ops::DryRun::Client;
  del.target.env = "default";
  auto reversed = ks::ops::delete_env(dir(), del);
  ASSERT_EQ(reversed.planned.size(), 3u);
  EXPECT_EQ(reversed.planned.back().ref.kind, "Namespace");
  EXPECT_EQ(kinds(reversed).front(), kinds(planned)[1]);  // namespaced objects keep their order
}

TEST_F(OpsDeploy, PruneWithAComponentIsRefusedBeforeRendering) {
  write(root / "components/broken.jsonnet", "{ this does not parse\n");
  ks::ops::ApplyOptions apply;
  apply.target.env = "default";
  apply.target.render.components = {"a"};
  apply.prune = true;
  try {
    ks::ops::apply(dir(), apply);
    ADD_FAILURE() << "--prune with -c was accepted";
  } catch (const ks::Error& e) {
    EXPECT_NE(std::string(e.what()).find("--prune"), std::string::npos) << e.what();
  }
}

}  // namespace
