// ops::init: the app folder, its default env, and the minimal library when no cluster answers.
#include <gtest/gtest.h>

#include "base/error.h"
#include "ks_test.h"
#include "ops/env.h"
#include "ops/init.h"
#include "ops/lib.h"
#include "ops_fixture.h"

namespace {

using ks_test::read;

const char* kSpec = R"({"swagger": "2.0", "info": {"title": "Kubernetes", "version": "v1.99.0"},
 "definitions": {
  "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta": {"properties": {
     "name": {"type": "string"}}},
  "io.k8s.api.core.v1.ConfigMap": {"properties": {"apiVersion": {"type": "string"}, "kind": {"type": "string"},
       "metadata": {"$ref": "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"}},
     "x-kubernetes-group-version-kind": [{"group": "", "kind": "ConfigMap", "version": "v1"}]}
 }})";

class OpsInitApp : public ops_test::AppTest {};

TEST_F(OpsInitApp, InitCreatesTheAppWithItsDefaultEnv) {
  EXPECT_EQ(root, tmp.path() / "app");
  EXPECT_EQ(init.env, "default");
  EXPECT_EQ(init.ns, "ml");
  EXPECT_EQ(init.server, "https://10.0.0.1:6443");
  EXPECT_EQ(init.context, "");
  // Bound by server only: no cluster was asked for its API, so the minimal library is there.
  EXPECT_EQ(init.k8s_version, "");
  EXPECT_EQ(init.lib_note, "no kube context");
  EXPECT_TRUE(std::filesystem::exists(root / "lib/k.libsonnet"));
  std::string app_yaml = read(root / "app.yaml");
  EXPECT_NE(app_yaml.find("name: app"), std::string::npos) << app_yaml;
  EXPECT_NE(app_yaml.find("server: https://10.0.0.1:6443"), std::string::npos) << app_yaml;
  auto envs = ks::ops::env_list(dir());
  ASSERT_EQ(envs.size(), 1u);
  EXPECT_EQ(envs[0].name, "default");
  EXPECT_EQ(envs[0].ns, "ml");
}

TEST(OpsInit, SkipDefaultEnvCreatesNoEnvAndRefusesAnApiSpec) {
  ks::fs::TempDir tmp("ks-ops-test");
  ks::ops::InitOptions o;
  o.name = "bare";
  o.dir = (tmp.path() / "bare").string();
  o.create_default_env = false;
  o.api_spec = "version:v1.10.3";
  EXPECT_THROW(
      {
        try {
          ks::ops::init(o);
        } catch (const ks::Error& e) {
          EXPECT_NE(std::string(e.what()).find("--skip-default-env"), std::string::npos);
          throw;
        }
      },
      ks::Error);
  EXPECT_FALSE(std::filesystem::exists(tmp.path() / "bare"));  // nothing created
  o.api_spec.clear();
  auto r = ks::ops::init(o);
  EXPECT_EQ(r.env, "");
  EXPECT_TRUE(ks::ops::env_list(r.root.string()).empty());
}

TEST(OpsInit, AnApiSpecFileGeneratesTheFullLibraryAndKeepsTheSpec) {
  ks::fs::TempDir tmp("ks-ops-test");
  ks_test::write(tmp.path() / "swagger.json", kSpec);
  ks::ops::InitOptions o;
  o.name = "full";
  o.dir = (tmp.path() / "full").string();
  o.server = "https://10.0.0.1:6443";
  o.api_spec = "file:" + (tmp.path() / "swagger.json").string();
  o.spec_cache_dir = (tmp.path() / "cache").string();
  auto r = ks::ops::init(o);
  EXPECT_EQ(r.k8s_version, "v1.99.0");
  EXPECT_EQ(r.lib_note, "");
  EXPECT_EQ(r.lib_dir, "ksonnet-lib/" + r.k8s_version);
  EXPECT_TRUE(std::filesystem::exists(r.root / "lib" / r.lib_dir / "k.libsonnet"));
  // The spec is kept where the caller said, not in the user's HOME.
  EXPECT_TRUE(std::filesystem::exists(tmp.path() / "cache/v1.99.0.json"));
}

TEST(OpsInit, ANonEmptyFolderIsRefusedAndKept) {
  ks::fs::TempDir tmp("ks-ops-test");
  ks_test::write(tmp.path() / "taken/keep.txt", "mine\n");
  ks::ops::InitOptions o;
  o.name = "taken";
  o.dir = (tmp.path() / "taken").string();
  o.server = "https://10.0.0.1:6443";
  EXPECT_THROW(ks::ops::init(o), ks::Error);
  EXPECT_EQ(read(tmp.path() / "taken/keep.txt"), "mine\n");
  EXPECT_FALSE(std::filesystem::exists(tmp.path() / "taken/app.yaml"));
}

TEST_F(OpsInitApp, LibGenerateFromASpecFileInstallsAndPinsTheEnv) {
  ks_test::write(tmp.path() / "swagger.json", kSpec);
  ks::ops::LibGenerateOptions o;
  o.env = "default";
  o.spec = (tmp.path() / "swagger.json").string();
  auto r = ks::ops::lib_generate(dir(), o);
  EXPECT_EQ(r.k8s_version, "v1.99.0");
  EXPECT_EQ(r.where, "lib/ksonnet-lib/v1.99.0");
  EXPECT_GT(r.files, 0u);
  EXPECT_TRUE(std::filesystem::exists(root / "lib/ksonnet-lib/v1.99.0/k.libsonnet"));
  EXPECT_EQ(ks::ops::env_list(dir())[0].k8s_version, "v1.99.0");
  // Neither a cluster nor a spec: refused before anything is read.
  EXPECT_THROW(ks::ops::lib_generate(dir(), {}), ks::Error);
}

}  // namespace
