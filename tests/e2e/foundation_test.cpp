// End-to-end: the real ks binary in temp dirs — init, env, component, module, import.
#include <gtest/gtest.h>

#include "base/yaml.h"
#include "ks_test.h"

using ks_test::read;
using ks_test::Sandbox;
using ks_test::write;

namespace {

TEST(Version, PrintsKsAndJsonnetVersions) {
  Sandbox sb;
  auto r = sb.ks({"version"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("ks version: "), std::string::npos);
  EXPECT_NE(r.out.find("jsonnet version: v0.18"), std::string::npos);
  auto v = sb.ks({"--version"});
  EXPECT_EQ(v.code, 0);
  EXPECT_NE(v.out.find("ks version"), std::string::npos);
}

TEST(Help, EveryCommandHasHelpWithAnExample) {
  Sandbox sb;
  for (std::vector<std::string> cmd : std::vector<std::vector<std::string>>{{"init"},
                                                                            {"env", "add"},
                                                                            {"env", "list"},
                                                                            {"env", "describe"},
                                                                            {"env", "rm"},
                                                                            {"env", "set"},
                                                                            {"env", "current"},
                                                                            {"env", "targets"},
                                                                            {"component", "list"},
                                                                            {"component", "rm"},
                                                                            {"param", "set"},
                                                                            {"param", "unset"},
                                                                            {"param", "list"},
                                                                            {"param", "diff"},
                                                                            {"show"},
                                                                            {"import"},
                                                                            {"module", "create"},
                                                                            {"module", "list"},
                                                                            {"version"}}) {
    cmd.push_back("--help");
    auto r = sb.ks(cmd);
    EXPECT_EQ(r.code, 0) << cmd[0];
    EXPECT_NE(r.out.find("Example:"), std::string::npos) << cmd[0] << " " << cmd[1];
  }
  auto h = sb.ks({"help", "env"});
  EXPECT_EQ(h.code, 0);
  EXPECT_NE(h.out.find("add"), std::string::npos);
}

TEST(Init, ScaffoldsKsonnetLayout) {
  Sandbox sb;
  auto r = sb.ks({"init", "my-app"});
  ASSERT_EQ(r.code, 0) << r.err;
  auto root = sb.root() / "my-app";
  for (const char* f :
       {"app.yaml", ".gitignore", "components/params.libsonnet", "environments/base.libsonnet",
        "environments/default/main.jsonnet", "environments/default/params.libsonnet",
        "environments/default/globals.libsonnet", "lib/k.libsonnet"}) {
    EXPECT_TRUE(std::filesystem::is_regular_file(root / f)) << f;
  }
  EXPECT_TRUE(std::filesystem::is_directory(root / "vendor"));
  EXPECT_TRUE(std::filesystem::is_directory(root / ".ksonnet"));
  auto app = ks::yaml::parse(read(root / "app.yaml"), "app.yaml");
  EXPECT_EQ(app["apiVersion"], "0.3.0");
  EXPECT_EQ(app["kind"], "ksonnet.io/app");
  EXPECT_EQ(app["name"], "my-app");
  EXPECT_EQ(app["environments"]["default"]["destination"]["namespace"], "default");
  EXPECT_EQ(app["environments"]["default"]["path"], "default");
  EXPECT_EQ(read(root / "environments/default/globals.libsonnet"), "{\n}");
}

TEST(Init, RefusesNonEmptyTargetAndWritesNothing) {
  Sandbox sb;
  write(sb.root() / "taken" / "file.txt", "keep");
  auto r = sb.ks({"init", "taken"});
  EXPECT_NE(r.code, 0);
  EXPECT_NE(r.err.find("is not empty"), std::string::npos) << r.err;
  EXPECT_EQ(ks_test::snapshot(sb.root() / "taken").size(), 1u);
  auto dir = sb.ks({"init", "other", "--dir", (sb.root() / "elsewhere").string()});
  EXPECT_EQ(dir.code, 0) << dir.err;
  EXPECT_TRUE(std::filesystem::exists(sb.root() / "elsewhere" / "app.yaml"));
}

TEST(Init, SkipDefaultEnvAndNamespace) {
  Sandbox sb;
  ASSERT_EQ(sb.ks({"init", "a", "--skip-default-env"}).code, 0);
  auto app = ks::yaml::parse(read(sb.root() / "a/app.yaml"), "app.yaml");
  EXPECT_FALSE(app.contains("environments"));
  EXPECT_FALSE(std::filesystem::exists(sb.root() / "a/environments/default"));
  ASSERT_EQ(sb.ks({"init", "b", "--namespace", "ml"}).code, 0);
  auto b = ks::yaml::parse(read(sb.root() / "b/app.yaml"), "app.yaml");
  EXPECT_EQ(b["environments"]["default"]["destination"]["namespace"], "ml");
}

TEST(Init, DefaultEnvFollowsTheCurrentKubeContext) {
  Sandbox sb;
  write(sb.home() / ".kube/config", R"(apiVersion: v1
kind: Config
current-context: laptop
clusters:
- name: c1
  cluster: {server: "https://127.0.0.1:6443"}
contexts:
- name: laptop
  context: {cluster: c1, user: u1, namespace: team}
users:
- name: u1
  user: {token: abc}
)");
  auto r = sb.ks({"init", "a"});
  ASSERT_EQ(r.code, 0) << r.err;
  auto app = ks::yaml::parse(read(sb.root() / "a/app.yaml"), "app.yaml");
  EXPECT_EQ(app["environments"]["default"]["context"], "laptop");
  EXPECT_EQ(app["environments"]["default"]["destination"]["server"], "https://127.0.0.1:6443");
  EXPECT_EQ(app["environments"]["default"]["destination"]["namespace"], "team");
}

class AppTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto r = sb.ks({"init", "app"});
    ASSERT_EQ(r.code, 0) << r.err;
    root = sb.root() / "app";
  }
  ks_test::Run ks(const std::vector<std::string>& args) { return sb.ks(args, root); }
  Sandbox sb;
  std::filesystem::path root;
};

TEST_F(AppTest, EnvAddListDescribeSetRm) {
  auto add = ks({"env", "add", "gke", "--server", "https://gke.example", "--namespace", "ml"});
  ASSERT_EQ(add.code, 0) << add.err;
  EXPECT_TRUE(std::filesystem::is_regular_file(root / "environments/gke/main.jsonnet"));
  auto list = ks({"env", "list", "-o", "json"});
  ASSERT_EQ(list.code, 0) << list.err;
  auto envs = nlohmann::json::parse(list.out);
  ASSERT_EQ(envs.size(), 2u);
  EXPECT_EQ(envs[1]["name"], "gke");
  EXPECT_EQ(envs[1]["namespace"], "ml");
  EXPECT_EQ(envs[1]["server"], "https://gke.example");
  auto table = ks({"env", "list"});
  EXPECT_NE(table.out.find("NAME"), std::string::npos);
  EXPECT_NE(table.out.find("===="), std::string::npos);
  auto desc = ks({"env", "describe", "gke"});
  EXPECT_NE(desc.out.find("namespace: ml"), std::string::npos) << desc.out;

  ASSERT_EQ(ks({"env", "set", "gke", "--namespace", "prod"}).code, 0);
  auto app = ks::yaml::parse(read(root / "app.yaml"), "app.yaml");
  EXPECT_EQ(app["environments"]["gke"]["destination"]["namespace"], "prod");

  ASSERT_EQ(ks({"env", "current", "--set", "gke"}).code, 0);
  EXPECT_EQ(ks({"env", "current"}).out, "gke\n");
  ASSERT_EQ(ks({"env", "set", "gke", "--name", "prod"}).code, 0);
  EXPECT_TRUE(std::filesystem::is_regular_file(root / "environments/prod/params.libsonnet"));
  EXPECT_FALSE(std::filesystem::exists(root / "environments/gke"));
  EXPECT_EQ(ks({"env", "current"}).out, "prod\n");

  ASSERT_EQ(ks({"env", "rm", "prod"}).code, 0);
  EXPECT_FALSE(std::filesystem::exists(root / "environments/prod"));
  EXPECT_EQ(ks({"env", "current"}).out, "");
  app = ks::yaml::parse(read(root / "app.yaml"), "app.yaml");
  EXPECT_FALSE(app["environments"].contains("prod"));
  ASSERT_EQ(ks({"env", "current", "--unset"}).code, 0);
}

TEST_F(AppTest, EnvNamesAreValidated) {
  for (std::string bad : {"a/b", "..", "a..b", "", "has space", "x;y"}) {
    auto before = ks_test::snapshot(root);
    auto r = ks({"env", "add", bad});
    EXPECT_NE(r.code, 0) << bad;
    EXPECT_NE(r.err.find("error: "), std::string::npos) << bad;
    EXPECT_EQ(ks_test::snapshot(root), before) << bad;
  }
  auto dup = ks({"env", "add", "default"});
  EXPECT_NE(dup.code, 0);
  EXPECT_NE(dup.err.find("already exists"), std::string::npos);
}

TEST_F(AppTest, ComponentsIncludingModulesAndRemoval) {
  write(root / "components/web.jsonnet",
        "{apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'web'}}\n");
  write(root / "components/raw.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: raw\n");
  write(root / "components/lib.libsonnet", "{}\n");
  ASSERT_EQ(ks({"module", "create", "ml"}).code, 0);
  EXPECT_TRUE(std::filesystem::exists(root / "components/ml/params.libsonnet"));
  write(root / "components/ml/cnn.jsonnet",
        "{apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'cnn'}}\n");
  auto list = ks({"component", "list", "-o", "json"});
  ASSERT_EQ(list.code, 0) << list.err;
  auto comps = nlohmann::json::parse(list.out);
  std::vector<std::string> names;
  for (const auto& c : comps) names.push_back(c["name"]);
  EXPECT_EQ(names, (std::vector<std::string>{"raw", "web", "ml.cnn"}));
  auto modules = ks({"module", "list"});
  EXPECT_NE(modules.out.find("ml"), std::string::npos);

  ASSERT_EQ(ks({"param", "set", "web", "replicas", "2"}).code, 0);
  ASSERT_EQ(ks({"param", "set", "--env", "default", "web", "replicas", "3"}).code, 0);
  ASSERT_EQ(ks({"env", "add", "gke"}).code, 0);
  ASSERT_EQ(ks({"param", "set", "--env", "gke", "web", "replicas", "4"}).code, 0);
  auto rm = ks({"component", "rm", "web"});
  ASSERT_EQ(rm.code, 0) << rm.err;
  EXPECT_FALSE(std::filesystem::exists(root / "components/web.jsonnet"));
  for (const char* f : {"components/params.libsonnet", "environments/default/params.libsonnet",
                        "environments/gke/params.libsonnet"}) {
    EXPECT_EQ(read(root / f).find("web"), std::string::npos) << f << ":\n" << read(root / f);
  }
  auto missing = ks({"component", "rm", "web"});
  EXPECT_NE(missing.code, 0);
  EXPECT_NE(missing.err.find("does not exist"), std::string::npos);
}

TEST_F(AppTest, EnvTargetsChooseModules) {
  ASSERT_EQ(ks({"module", "create", "ml"}).code, 0);
  write(root / "components/ml/cnn.jsonnet",
        "{apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'cnn'}}\n");
  write(root / "components/web.jsonnet",
        "{apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'web'}}\n");
  auto only_root = ks({"show", "default"});
  ASSERT_EQ(only_root.code, 0) << only_root.err;
  EXPECT_EQ(only_root.out.find("name: cnn"), std::string::npos);
  auto c = ks({"show", "default", "-c", "ml.cnn"});
  EXPECT_NE(c.code, 0);
  // The hint keeps the modules the env renders now: following it must not drop `web` (a later
  // `ks apply --prune` would delete it).
  EXPECT_NE(c.err.find("`ks env targets default --module / --module ml`"), std::string::npos)
      << c.err;
  ASSERT_EQ(ks({"env", "targets", "default", "--module", "/", "--module", "ml"}).code, 0);
  auto both = ks({"show", "default"});
  ASSERT_EQ(both.code, 0) << both.err;
  EXPECT_NE(both.out.find("name: cnn"), std::string::npos);
  EXPECT_NE(both.out.find("ksonnet.io/component: ml.cnn"), std::string::npos);
  EXPECT_NE(both.out.find("name: web"), std::string::npos);
  auto bad = ks({"env", "targets", "default", "--module", "nope"});
  EXPECT_NE(bad.code, 0);
  EXPECT_NE(bad.err.find("module 'nope' does not exist"), std::string::npos);
}

TEST_F(AppTest, ImportManifestsBecomeComponents) {
  write(
      sb.root() / "in/deploy.yaml",
      "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: nginx\nspec:\n  replicas: 2\n---\n"
      "apiVersion: v1\nkind: Service\nmetadata:\n  name: nginx\n");
  auto r = ks({"import", "-f", (sb.root() / "in").string()});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(std::filesystem::exists(root / "components/deployment-nginx.yaml"));
  EXPECT_TRUE(std::filesystem::exists(root / "components/service-nginx.yaml"));
  ASSERT_EQ(ks({"param", "set", "--env", "default", "deployment-nginx", "replicas", "5"}).code, 0);
  auto show = ks({"show", "default", "-c", "deployment-nginx", "-o", "json"});
  ASSERT_EQ(show.code, 0) << show.err;
  auto list = nlohmann::json::parse(show.out);
  ASSERT_EQ(list["items"].size(), 1u);
  // ksonnet applied a YAML component's env params as a merge patch at the object's root.
  EXPECT_EQ(list["items"][0]["replicas"], 5);
  EXPECT_EQ(list["items"][0]["spec"]["replicas"], 2);
  auto bad = ks({"import", "-f", (sb.root() / "nope.yaml").string()});
  EXPECT_NE(bad.code, 0);
}

TEST_F(AppTest, CommandsFindTheAppFromASubfolderOrDir) {
  write(root / "components/web.jsonnet",
        "{apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'web'}}\n");
  auto sub = sb.ks({"show", "default"}, root / "components");
  EXPECT_EQ(sub.code, 0) << sub.err;
  auto dir = sb.ks({"--dir", root.string(), "show", "default"}, sb.root());
  EXPECT_EQ(dir.code, 0) << dir.err;
  auto none = sb.ks({"show", "default"}, sb.root());
  EXPECT_NE(none.code, 0);
  EXPECT_NE(none.err.find("no ks app found"), std::string::npos);
}

}  // namespace
