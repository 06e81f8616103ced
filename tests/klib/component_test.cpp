// The ksonnet-lib style component against libraries generated from the Kubernetes v1.10.3 spec:
// rendered by the real ks binary, per-env pinning, and the offline `ks init` fallback.
#include <gtest/gtest.h>

#include "skip.h"

#include <filesystem>

#include "klib_test.h"
#include "ks_test.h"

namespace klib_test {

using nlohmann::json;

std::string ksonnet_lib_component(const std::string& apps_version) {
  return "local k = import 'k.libsonnet';\n"
         "local deployment = k.apps." +
         apps_version + R"(.deployment;
local container = deployment.mixin.spec.template.spec.containersType;
local containerPort = container.portsType;
local volume = k.core.v1.volume;
local service = k.core.v1.service;
local servicePort = k.core.v1.servicePort;
local labels = { app: 'web' };

local web = container.new('web', 'nginx:1.15')
  .withPorts(containerPort.newNamed(80, 'http'))
  .withEnv([k.core.v1.envVar.new('MODE', 'prod'), k.core.v1.envVar.fromSecretRef('PW', 'db', 'password')])
  .withVolumeMounts(k.core.v1.volumeMount.new('data', '/data'))
  + container.mixin.resources.withLimits({ memory: '128Mi' })
  + container.mixin.resources.withRequestsMixin({ cpu: '100m' });

k.core.v1.list.new([
  deployment.new('web', 2, web, labels)
  + deployment.mixin.metadata.withLabels(labels)
  + deployment.mixin.metadata.withLabelsMixin({ team: 'shop' })
  + deployment.mixin.spec.selector.withMatchLabels(labels)
  + deployment.mixin.spec.template.spec.withVolumes(volume.fromEmptyDir('data'))
  + deployment.mixin.spec.template.spec.withVolumesMixin([
    volume.fromConfigMap('cfg', 'web-config', [k.core.v1.keyToPath.new('a.conf', 'a.conf')]),
    volume.fromSecret('certs', 'web-certs'),
  ]),
  service.new('web', labels, servicePort.newNamed('http', 80, 'http')) + service.mixin.spec.withType('NodePort'),
])
)";
}

json expected_objects(const std::string& apps_version) {
  json deployment = json::parse(R"({
    "kind": "Deployment",
    "metadata": {"labels": {"app": "web", "team": "shop", "ksonnet.io/component": "web"}, "name": "web",
                 "namespace": "default"},
    "spec": {
      "replicas": 2,
      "selector": {"matchLabels": {"app": "web"}},
      "template": {
        "metadata": {"labels": {"app": "web"}},
        "spec": {
          "containers": [{
            "env": [{"name": "MODE", "value": "prod"},
                    {"name": "PW", "valueFrom": {"secretKeyRef": {"key": "password", "name": "db"}}}],
            "image": "nginx:1.15", "name": "web",
            "ports": [{"containerPort": 80, "name": "http"}],
            "resources": {"limits": {"memory": "128Mi"}, "requests": {"cpu": "100m"}},
            "volumeMounts": [{"mountPath": "/data", "name": "data", "readOnly": false}]}],
          "volumes": [
            {"emptyDir": {}, "name": "data"},
            {"configMap": {"items": [{"key": "a.conf", "path": "a.conf"}], "name": "web-config"}, "name": "cfg"},
            {"name": "certs", "secret": {"secretName": "web-certs"}}]}}}})");
  deployment["apiVersion"] = "apps/" + apps_version;
  json service = json::parse(R"({
    "apiVersion": "v1", "kind": "Service",
    "metadata": {"labels": {"ksonnet.io/component": "web"}, "name": "web", "namespace": "default"},
    "spec": {"ports": [{"name": "http", "port": 80, "targetPort": "http"}], "selector": {"app": "web"},
             "type": "NodePort"}})");
  return json::array({service, deployment});  // ksonnet's order: Services before Deployments
}

namespace {

namespace stdfs = std::filesystem;
using ks_test::read;
using ks_test::Sandbox;
using ks_test::write;

bool have_spec() {
  return stdfs::is_regular_file(KS_OPENAPI_V1_10_3);
}

class KsonnetLibComponent : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!have_spec())
      KS_SKIP_UNLESS_CI() << "no " << KS_OPENAPI_V1_10_3
                          << " (the shared test data sits beside the clone)";
    ASSERT_EQ(sb.ks({"init", "app"}).code, 0);
    root = sb.root() / "app";
  }
  ks_test::Run ks(const std::vector<std::string>& args) const { return sb.ks(args, root); }
  json items(const std::string& env) const {
    auto r = ks({"show", env, "-o", "json"});
    EXPECT_EQ(r.code, 0) << r.err;
    return r.code == 0 ? json::parse(r.out)["items"] : json::array();
  }
  Sandbox sb;
  stdfs::path root;
};

TEST_F(KsonnetLibComponent, RendersDeploymentAndServiceFromTheV1_10_3Spec) {
  auto gen = ks({"lib", "generate", "--spec", KS_OPENAPI_V1_10_3, "--env", "default"});
  ASSERT_EQ(gen.code, 0) << gen.err;
  EXPECT_NE(gen.out.find("Kubernetes v1.10.3"), std::string::npos) << gen.out;
  EXPECT_TRUE(stdfs::is_regular_file(root / "lib/ksonnet-lib/v1.10.3/k.libsonnet"));
  EXPECT_TRUE(stdfs::is_regular_file(root / "lib/ksonnet-lib/v1.10.3/k8s.libsonnet"));
  EXPECT_TRUE(stdfs::is_regular_file(root / "lib/ksonnet-lib/v1.10.3/k8s.apps.v1beta1.libsonnet"));
  EXPECT_NE(read(root / "app.yaml").find("k8sVersion: v1.10.3"), std::string::npos);
  write(root / "components/web.jsonnet", ksonnet_lib_component("v1beta1"));
  EXPECT_EQ(items("default"), expected_objects("v1beta1"));
  write(root / "components/web.jsonnet", ksonnet_lib_component("v1"));
  EXPECT_EQ(items("default"), expected_objects("v1"));
}

TEST_F(KsonnetLibComponent, EnvPinsItsOwnKubernetesVersion) {
  // Generated without pinning: the default env keeps the built-in minimal lib/k.libsonnet.
  auto gen = ks({"lib", "generate", "--spec", KS_OPENAPI_V1_10_3});
  ASSERT_EQ(gen.code, 0) << gen.err;
  auto add = ks({"env", "add", "old", "--api-version", "v1.10.3"});
  ASSERT_EQ(add.code, 0) << add.err;
  write(root / "components/web.jsonnet", ksonnet_lib_component("v1beta1"));
  json old = expected_objects("v1beta1");
  EXPECT_EQ(items("old"), old);
  auto def = ks({"show", "default"});
  EXPECT_NE(def.code, 0);  // the minimal library has no apps group
  EXPECT_NE(def.err.find("apps"), std::string::npos) << def.err;
}

TEST_F(KsonnetLibComponent, ListsAndMapContainersFromKLibsonnet) {
  ASSERT_EQ(ks({"lib", "generate", "--spec", KS_OPENAPI_V1_10_3, "--env", "default"}).code, 0);
  write(root / "components/d.jsonnet", R"(local k = import 'k.libsonnet';
local d = k.extensions.v1beta1.deployment;
local c = k.core.v1.container;
d.new('d', 1, [c.new('a', 'img:1'), c.new('b', 'img:1')])
+ d.mapContainersWithName('b', function(x) x + c.withImage('img:2'))
)");
  json got = items("default");
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0]["apiVersion"], "extensions/v1beta1");
  auto containers = got[0]["spec"]["template"]["spec"]["containers"];
  EXPECT_EQ(containers[0]["image"], "img:1");
  EXPECT_EQ(containers[1]["image"], "img:2");
}

TEST_F(KsonnetLibComponent, RarelyWrittenCoreKindsComeFromTheirOwnFile) {
  ASSERT_EQ(ks({"lib", "generate", "--spec", KS_OPENAPI_V1_10_3, "--env", "default"}).code, 0);
  EXPECT_TRUE(stdfs::is_regular_file(root / "lib/ksonnet-lib/v1.10.3/k8s.core.v1.more.libsonnet"));
  write(root / "components/pv.jsonnet", R"(local k = import 'k.libsonnet';
local pv = k.core.v1.persistentVolume;
pv.new() + pv.mixin.metadata.withName('pv') + pv.mixin.spec.withCapacity({ storage: '1Gi' })
+ pv.mixin.spec.nfs.withServer('nfs').withPath('/x') + pv.mixin.spec.withAccessModes('ReadWriteOnce')
+ pv.mixin.spec.claimRef.withName('claim')
)");
  json got = items("default");
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0]["kind"], "PersistentVolume");
  EXPECT_EQ(got[0]["spec"],
            json::parse(R"({"accessModes": ["ReadWriteOnce"], "capacity": {"storage": "1Gi"},
                                            "claimRef": {"name": "claim"}, "nfs": {"path": "/x", "server": "nfs"}})"));
}

TEST(KlibInit, OfflineInitInstallsTheMinimalLibAndSaysHowToGenerate) {
  Sandbox sb;
  auto r = sb.ks({"init", "app"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find("ks lib generate --env default"), std::string::npos) << r.err;
  EXPECT_TRUE(stdfs::is_regular_file(sb.root() / "app/lib/k.libsonnet"));
  EXPECT_FALSE(stdfs::exists(sb.root() / "app/lib/ksonnet-lib"));
}

TEST(KlibInit, UnreachableClusterFallsBackToTheMinimalLib) {
  Sandbox sb;
  write(sb.home() / ".kube/config", R"(apiVersion: v1
kind: Config
current-context: gone
contexts:
- name: gone
  context: {cluster: gone, user: u}
clusters:
- name: gone
  cluster: {server: "https://127.0.0.1:1", insecure-skip-tls-verify: true}
users:
- name: u
  user: {token: t}
)");
  auto r = sb.ks({"init", "app"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find("ks lib generate --env default"), std::string::npos) << r.err;
  EXPECT_FALSE(stdfs::exists(sb.root() / "app/lib/ksonnet-lib"));
  EXPECT_NE(read(sb.root() / "app/app.yaml").find("context: gone"), std::string::npos);
}

TEST(KlibCli, GenerateNeedsASource) {
  Sandbox sb;
  auto r = sb.ks({"lib", "generate"});
  EXPECT_NE(r.code, 0);
  EXPECT_NE(r.err.find("--spec FILE"), std::string::npos) << r.err;
  write(sb.root() / "bad.json", "{\"swagger\": \"2.0\"}");
  auto bad = sb.ks({"lib", "generate", "--spec", (sb.root() / "bad.json").string(), "--out", "x"});
  EXPECT_NE(bad.code, 0);
  EXPECT_NE(bad.err.find("definitions"), std::string::npos) << bad.err;
}

}  // namespace
}  // namespace klib_test
