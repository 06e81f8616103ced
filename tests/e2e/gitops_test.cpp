// GitOps: ks as an Argo CD Config Management Plugin (argocd/plugin.yaml), its generate command
// run the way the repo-server's sidecar runs it, and the Flux-style CI recipe of docs/gitops.md.
#include <gtest/gtest.h>

#include <yaml-cpp/yaml.h>
#include <nlohmann/json.hpp>

#include <set>

#include <sys/stat.h>
#include <unistd.h>

#include "base/process.h"
#include "base/strings.h"
#include "ks_test.h"

namespace {

namespace stdfs = std::filesystem;
using ks_test::Sandbox;

// The plugin's generate command and arguments, read from the committed plugin.yaml.
std::vector<std::string> generate_argv() {
  YAML::Node plugin = YAML::LoadFile(ks_test::source_path("argocd/plugin.yaml"));
  EXPECT_EQ(plugin["kind"].as<std::string>(), "ConfigManagementPlugin");
  EXPECT_EQ(plugin["spec"]["discover"]["fileName"].as<std::string>(), "./app.yaml");
  std::vector<std::string> argv;
  for (const auto& part : plugin["spec"]["generate"]["command"])
    argv.push_back(part.as<std::string>());
  for (const auto& part : plugin["spec"]["generate"]["args"])
    argv.push_back(part.as<std::string>());
  return argv;
}

void make_read_only(const stdfs::path& dir) {
  for (const auto& entry : stdfs::recursive_directory_iterator(dir))
    stdfs::permissions(
        entry.path(),
        stdfs::perms::owner_write | stdfs::perms::group_write | stdfs::perms::others_write,
        stdfs::perm_options::remove);
  stdfs::permissions(
      dir, stdfs::perms::owner_write | stdfs::perms::group_write | stdfs::perms::others_write,
      stdfs::perm_options::remove);
}

class ArgoCdPlugin : public ::testing::Test {
 protected:
  void SetUp() override {
    auto app = sb.root() / "repo" / "apps" / "shop";
    stdfs::create_directories(app.parent_path());
    ASSERT_EQ(
        sb.ks({"init", "shop", "--server", "https://k8s.example:443"}, app.parent_path()).code, 0);
    ASSERT_EQ(sb.ks({"env", "add", "prod", "--server", "https://k8s.example:443", "--namespace",
                     "shop-prod"},
                    app)
                  .code,
              0);
    ASSERT_EQ(sb.ks({"generate", "deployed-service", "web", "--image=nginx"}, app).code, 0);
    app_dir = app;
    // The repo-server's sidecar runs as an unprivileged user (999) with a HOME it cannot write.
    home = sb.root() / "argocd-home";
    stdfs::create_directories(home);
    stdfs::permissions(sb.root(), stdfs::perms::owner_all | stdfs::perms::group_read |
                                      stdfs::perms::group_exec | stdfs::perms::others_read |
                                      stdfs::perms::others_exec);
    make_read_only(sb.root() / "repo");
    make_read_only(home);
  }

  // Runs the plugin's generate command as the repo-server does: working folder = the app, a
  // clean environment with Argo CD's build variables and ARGOCD_ENV_* from the Application, a
  // network namespace without network, and (when the test runs as root, whom permissions do not
  // stop) as the unprivileged user `nobody`.
  ks_test::Run generate(const std::map<std::string, std::string>& plugin_env) {
    std::vector<std::string> argv = {"unshare", "--net"};
    if (::geteuid() != 0)  // a user namespace for the network one, without root's powers
      argv = {"unshare", "--map-current-user", "--net"};
    else
      argv.insert(argv.end(), {"setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"});
    argv.insert(
        argv.end(),
        {"env", "-i", "PATH=" + stdfs::path(KS_BINARY).parent_path().string() + ":/usr/bin:/bin",
         "HOME=" + home.string(), "ARGOCD_APP_NAME=shop-prod", "ARGOCD_APP_NAMESPACE=argocd",
         "ARGOCD_APP_REVISION=0123456789abcdef", "ARGOCD_APP_SOURCE_PATH=apps/shop",
         "ARGOCD_APP_SOURCE_REPO_URL=https://git.example/shop.git",
         "ARGOCD_APP_SOURCE_TARGET_REVISION=HEAD", "KUBE_VERSION=1.29.0"});
    for (const auto& [k, v] : plugin_env) argv.push_back("ARGOCD_ENV_" + k + "=" + v);
    auto command = generate_argv();
    argv.insert(argv.end(), command.begin(), command.end());
    ks::process::Options options;
    options.cwd = app_dir.string();
    options.timeout = std::chrono::milliseconds(120000);
    auto r = ks::process::run(argv, options);
    return {r.exit_code, r.out, r.err};
  }

  void TearDown() override {  // so the sandbox can be removed when not running as root
    for (const auto& dir : {sb.root() / "repo", home})
      for (const auto& entry : stdfs::recursive_directory_iterator(dir))
        if (entry.is_directory())
          stdfs::permissions(entry.path(), stdfs::perms::owner_write, stdfs::perm_options::add);
    stdfs::permissions(sb.root() / "repo", stdfs::perms::owner_write, stdfs::perm_options::add);
    stdfs::permissions(home, stdfs::perms::owner_write, stdfs::perm_options::add);
  }

  Sandbox sb;
  stdfs::path app_dir, home;
};

TEST_F(ArgoCdPlugin, GenerateWritesTheEnvironmentAsAYamlStreamAndTouchesNothing) {
  auto before = ks_test::snapshot(sb.root());
  auto r = generate({{"KS_ENV", "prod"}});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  auto docs = YAML::LoadAll(r.out);
  ASSERT_EQ(docs.size(), 2u) << r.out;
  std::set<std::string> kinds;
  for (const auto& doc : docs) {
    kinds.insert(doc["kind"].as<std::string>());
    EXPECT_EQ(doc["metadata"]["namespace"].as<std::string>(), "shop-prod");
  }
  EXPECT_EQ(kinds, (std::set<std::string>{"Deployment", "Service"}));
  EXPECT_EQ(ks_test::snapshot(sb.root()), before);  // nothing written, in the app or in HOME
  EXPECT_TRUE(stdfs::is_empty(home));
}

TEST_F(ArgoCdPlugin, UnknownEnvironmentFailsOnStderrWithNothingOnStdout) {
  auto r = generate({{"KS_ENV", "staging"}});
  EXPECT_NE(r.code, 0);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("staging"), std::string::npos) << r.err;
}

TEST_F(ArgoCdPlugin, MissingKsEnvSaysWhatToSet) {
  auto r = generate({});
  EXPECT_NE(r.code, 0);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("set the plugin env KS_ENV"), std::string::npos) << r.err;
}

TEST_F(ArgoCdPlugin, BrokenComponentFailsWithItsFileOnStderr) {
  // Argo CD must see an error, not an empty manifest set that would prune the app.
  stdfs::permissions(app_dir / "components", stdfs::perms::owner_write, stdfs::perm_options::add);
  ks_test::write(app_dir / "components" / "broken.jsonnet", "{ a: }\n");
  make_read_only(app_dir);
  auto r = generate({{"KS_ENV", "prod"}});
  EXPECT_NE(r.code, 0);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("broken.jsonnet"), std::string::npos) << r.err;
}

}  // namespace
