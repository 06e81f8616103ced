// The shipped Kubeflow registry through ks's seed flow, served from a git repository.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "base/yaml.h"
#include "e2e_util.h"

namespace ks_test::registry {
namespace {

using nlohmann::json;

std::map<std::string, json> objects_by_key(const std::string& yaml_stream) {
  std::map<std::string, json> out;
  for (const auto& o : ks::yaml::parse_all(yaml_stream, "show")) {
    std::string key = o.value("kind", "") + "/" + o["metadata"].value("namespace", "") + "/" +
                      o["metadata"].value("name", "");
    EXPECT_FALSE(out.count(key)) << "duplicate " << key;
    out[key] = o;
  }
  return out;
}

TEST(Kubeflow, SeedFlowGpuOnlyInGke) {
  Sandbox sb;
  stdfs::path repo = sb.root() / "kubeflow-repo";
  git::copy_tree(source_path("registry/kubeflow"), repo);
  git::commit_all(repo, "kubeflow registry");
  stdfs::path app = new_app(sb, "my-kubeflow");
  auto ks = [&](const std::vector<std::string>& args) {
    expect_ok(sb.ks(args, app), args[0] + " " + args[1]);
  };
  ks({"registry", "add", "kubeflow", file_url(repo)});
  ks({"pkg", "install", "kubeflow/core"});
  ks({"pkg", "install", "kubeflow/tf-job"});
  ks({"pkg", "install", "kubeflow/tf-serving"});
  ks({"generate", "core", "kubeflow-core", "--name=kubeflow-core"});
  ks({"env", "add", "gke", "--server", "https://gke.example:443"});
  ks({"generate", "tf-cnn", "cnn", "--name=cnn"});
  ks({"param", "set", "--env=gke", "cnn", "num_gpus", "1"});
  ks({"generate", "tf-serving", "inception", "--name=inception", "--namespace=default",
      "--model_path=gs://kubeflow-models/inception"});

  ks_test::Run gke = sb.ks({"show", "gke"}, app);
  ks_test::Run def = sb.ks({"show", "default"}, app);
  ASSERT_EQ(gke.code, 0) << gke.err;
  ASSERT_EQ(def.code, 0) << def.err;
  auto a = objects_by_key(def.out);
  auto b = objects_by_key(gke.out);
  ASSERT_EQ(a.size(), b.size());
  EXPECT_GT(a.size(), 5u);
  std::vector<std::string> differing;
  for (const auto& [key, obj] : a) {
    ASSERT_TRUE(b.count(key)) << key;
    if (b[key] != obj) differing.push_back(key);
  }
  ASSERT_EQ(differing.size(), 1u) << differing.front();
  EXPECT_EQ(differing[0], "TFJob/default/cnn");
  const json& cpu_job = a["TFJob/default/cnn"];
  const json& gpu_job = b["TFJob/default/cnn"];
  json cpu_spec = cpu_job["spec"], gpu_spec = gpu_job["spec"];
  json cpu_worker = cpu_spec["tfReplicaSpecs"]["Worker"]["template"]["spec"]["containers"][0];
  json gpu_worker = gpu_spec["tfReplicaSpecs"]["Worker"]["template"]["spec"]["containers"][0];
  EXPECT_NE(cpu_worker["image"].get<std::string>().find("tf-benchmarks-cpu"), std::string::npos);
  EXPECT_NE(gpu_worker["image"].get<std::string>().find("tf-benchmarks-gpu"), std::string::npos);
  EXPECT_EQ(gpu_worker["resources"]["limits"]["nvidia.com/gpu"], 1);
  EXPECT_FALSE(cpu_worker.contains("resources") && cpu_worker["resources"].contains("limits") &&
               cpu_worker["resources"]["limits"].contains("nvidia.com/gpu"));
  // Nothing but the Worker replica spec differs.
  cpu_spec["tfReplicaSpecs"].erase("Worker");
  gpu_spec["tfReplicaSpecs"].erase("Worker");
  EXPECT_EQ(cpu_spec, gpu_spec);
  EXPECT_EQ(cpu_job["metadata"], gpu_job["metadata"]);

  // The registry is also clean by `ks registry lint`.
  ks_test::Run lint = sb.ks({"registry", "lint", source_path("registry/kubeflow")});
  EXPECT_EQ(lint.code, 0) << lint.out << lint.err;
}

}  // namespace
}  // namespace ks_test::registry
