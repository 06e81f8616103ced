// k.libsonnet from a live cluster (the bundled test API server, and the real control plane of
// scripts/cluster: see deploy_cluster.h): `ks init` generates it from the current context,
// `ks lib generate --env` regenerates it, and the ksonnet-lib style component renders from it.
#include <gtest/gtest.h>

#include <filesystem>

#include "deploy_cluster.h"
#include "klib_test.h"
#include "ks_test.h"
#include "server_fixture.h"

namespace {

namespace stdfs = std::filesystem;
using nlohmann::json;

using ks_test::Backend;

int openapi_reads(const ks_test::DeployCluster& srv) {
  int n = 0;
  for (const json& e : srv.requests())
    if (e.value("method", "") == "GET" && e.value("path", "") == "/openapi/v2") ++n;
  return n;
}

// The bundled server reports v1.37.2; the real one its release, read through the oracle.
std::string server_version(const ks_test::DeployCluster& srv) {
  if (srv.bundled()) return "v1.37.2";
  ks_test::Run r = srv.kubectl({"get", "--raw", "/version"});
  EXPECT_EQ(r.code, 0) << r.err;
  return json::parse(r.out).value("gitVersion", "");
}

class KlibCluster : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override { KS_REQUIRE_BACKEND(GetParam()); }
};
INSTANTIATE_TEST_SUITE_P(Backends, KlibCluster, ks_test::kBothBackends, ks_test::backend_name);

TEST_P(KlibCluster, InitGeneratesFromTheClusterAndTheComponentRenders) {
  ks_test::DeployCluster srv(GetParam());
  const std::string version = server_version(srv);
  ks_test::Sandbox sb;
  std::map<std::string, std::string> env{{"KUBECONFIG", srv.kubeconfig()}};
  auto init = sb.ks({"init", "shop"}, sb.root(), env);
  ASSERT_EQ(init.code, 0) << init.err;
  EXPECT_NE(init.out.find("generated k.libsonnet for Kubernetes " + version +
                          " in lib/ksonnet-lib/" + version),
            std::string::npos)
      << init.out;
  if (srv.bundled()) {
    EXPECT_EQ(openapi_reads(srv), 1);
  }
  stdfs::path root = sb.root() / "shop";
  EXPECT_NE(ks_test::read(root / "app.yaml").find("k8sVersion: " + version), std::string::npos);
  EXPECT_TRUE(stdfs::is_regular_file(root / "lib/ksonnet-lib" / version / "k.libsonnet"));
  EXPECT_TRUE(stdfs::is_regular_file(root / "lib/ksonnet-lib" / version / "k8s.apps.v1.libsonnet"));
  EXPECT_TRUE(stdfs::is_regular_file(root / "lib/k.libsonnet"));  // the fallback stays

  ks_test::write(root / "components/web.jsonnet", klib_test::ksonnet_lib_component("v1"));
  auto show = sb.ks({"show", "default", "-o", "json"}, root, env);
  ASSERT_EQ(show.code, 0) << show.err;
  json expected = klib_test::expected_objects("v1");
  for (json& o : expected) o["metadata"]["namespace"] = srv.ns();  // the env's, from the context
  EXPECT_EQ(json::parse(show.out)["items"], expected);

  if (srv.bundled()) srv.reset_log();
  auto gen = sb.ks({"lib", "generate", "--env", "default"}, root, env);
  ASSERT_EQ(gen.code, 0) << gen.err;
  if (srv.bundled()) {
    EXPECT_EQ(openapi_reads(srv), 1);
  }
  EXPECT_NE(gen.out.find("environment 'default' now uses Kubernetes " + version), std::string::npos)
      << gen.out;
}

TEST(KlibCluster, GenerateReportsAnUnreachableCluster) {
  ks_test::Sandbox sb;
  ASSERT_EQ(sb.ks({"init", "app", "--server", "https://127.0.0.1:1"}).code, 0);
  auto r = sb.ks({"lib", "generate", "--env", "default"}, sb.root() / "app");
  EXPECT_NE(r.code, 0);
  EXPECT_NE(r.err.find("error:"), std::string::npos) << r.err;
  EXPECT_FALSE(stdfs::exists(sb.root() / "app/lib/ksonnet-lib"));
}

}  // namespace
