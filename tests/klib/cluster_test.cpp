// k.libsonnet from a live cluster (the bundled test API server): `ks init` generates it from the
// current context, `ks lib generate --env` regenerates it, and the ksonnet-lib style component
// renders from it.
#include <gtest/gtest.h>

#include <filesystem>

#include "klib_test.h"
#include "ks_test.h"
#include "server_fixture.h"

namespace {

namespace stdfs = std::filesystem;
using nlohmann::json;

int openapi_reads(const ks_test::TestApiServer& srv) {
  int n = 0;
  for (const json& e : srv.requests())
    if (e.value("method", "") == "GET" && e.value("path", "") == "/openapi/v2") ++n;
  return n;
}

TEST(KlibCluster, InitGeneratesFromTheClusterAndTheComponentRenders) {
  ks_test::TestApiServer srv;
  ks_test::Sandbox sb;
  std::map<std::string, std::string> env{{"KUBECONFIG", srv.kubeconfig()}};
  auto init = sb.ks({"init", "shop"}, sb.root(), env);
  ASSERT_EQ(init.code, 0) << init.err;
  EXPECT_NE(
      init.out.find("generated k.libsonnet for Kubernetes v1.32.4 in lib/ksonnet-lib/v1.32.4"),
      std::string::npos)
      << init.out;
  EXPECT_EQ(openapi_reads(srv), 1);
  stdfs::path root = sb.root() / "shop";
  EXPECT_NE(ks_test::read(root / "app.yaml").find("k8sVersion: v1.32.4"), std::string::npos);
  EXPECT_TRUE(stdfs::is_regular_file(root / "lib/ksonnet-lib/v1.32.4/k.libsonnet"));
  EXPECT_TRUE(stdfs::is_regular_file(root / "lib/ksonnet-lib/v1.32.4/k8s.apps.v1.libsonnet"));
  EXPECT_TRUE(stdfs::is_regular_file(root / "lib/k.libsonnet"));  // the fallback stays

  ks_test::write(root / "components/web.jsonnet", klib_test::ksonnet_lib_component("v1"));
  auto show = sb.ks({"show", "default", "-o", "json"}, root, env);
  ASSERT_EQ(show.code, 0) << show.err;
  EXPECT_EQ(json::parse(show.out)["items"], klib_test::expected_objects("v1"));

  srv.reset_log();
  auto gen = sb.ks({"lib", "generate", "--env", "default"}, root, env);
  ASSERT_EQ(gen.code, 0) << gen.err;
  EXPECT_EQ(openapi_reads(srv), 1);
  EXPECT_NE(gen.out.find("environment 'default' now uses Kubernetes v1.32.4"), std::string::npos)
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
