// What scripts rely on: errors on stderr as one `error:` line, quiet and log levels, colour only
// on terminals, and -o json|yaml with a stable schema on list and describe commands.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cli_util.h"

namespace {

namespace stdfs = std::filesystem;

using ks_test::Sandbox;
using ks_test::cli::expect_ok;

struct OutputApp {
  Sandbox sb;
  stdfs::path dir = sb.root() / "shop";
  OutputApp() {
    expect_ok(sb.ks({"init", "shop", "--server", "https://k8s.example:443"}), "init");
    expect_ok(sb.ks({"generate", "deployed-service", "web", "--image=nginx"}, dir), "generate");
  }
  ks_test::Run ks(const std::vector<std::string>& args) const { return sb.ks(args, dir); }
};

TEST(Output, ErrorsAreOneLineOnStderr) {
  OutputApp app;
  for (const auto& args :
       std::vector<std::vector<std::string>>{{"env", "rm", "nosuch"},
                                             {"show", "nosuch"},
                                             {"env", "add"},
                                             {"--log-level", "loud", "env", "list"}}) {
    auto r = app.ks(args);
    EXPECT_NE(r.code, 0) << args[0];
    EXPECT_EQ(r.out, "") << args[0];
    EXPECT_EQ(r.err.rfind("error: ", 0), 0u) << r.err;
    EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << r.err;
  }
}

TEST(Output, QuietAndLogLevelErrorSilenceConfirmations) {
  OutputApp app;
  auto loud = app.ks({"env", "add", "a", "--server", "https://k8s.example:443"});
  EXPECT_EQ(loud.code, 0);
  EXPECT_EQ(loud.out.rfind("added environment 'a'", 0), 0u) << loud.out;
  auto quiet = app.ks({"-q", "env", "add", "b", "--server", "https://k8s.example:443"});
  EXPECT_EQ(quiet.code, 0) << quiet.err;
  EXPECT_EQ(quiet.out, "");
  auto level =
      app.ks({"--log-level", "error", "env", "add", "c", "--server", "https://k8s.example:443"});
  EXPECT_EQ(level.code, 0) << level.err;
  EXPECT_EQ(level.out, "");
  EXPECT_EQ(app.ks({"--log-level", "debug", "env", "list"}).code, 0);
}

TEST(Output, NoColourEscapesWhenPiped) {
  OutputApp app;
  // Not through ks_test::ks, which sets NO_COLOR: here only the pipe keeps colour off.
  auto r = ks_test::cli::run({KS_BINARY, "env", "rm", "nosuch"}, app.dir, app.sb);
  EXPECT_EQ(r.err.rfind("error: ", 0), 0u) << r.err;
  auto diff = ks_test::cli::run({KS_BINARY, "env", "list"}, app.dir, app.sb);
  EXPECT_EQ(diff.out.find('\033'), std::string::npos) << diff.out;
}

TEST(Output, ListsHaveAStableJsonAndYamlSchema) {
  OutputApp app;
  auto envs = nlohmann::json::parse(app.ks({"env", "list", "-o", "json"}).out);
  ASSERT_TRUE(envs.is_array());
  ASSERT_EQ(envs.size(), 1u);
  for (const char* key : {"name", "namespace", "server"})
    EXPECT_TRUE(envs[0].contains(key)) << envs[0];
  auto comps = nlohmann::json::parse(app.ks({"component", "list", "-o", "json"}).out);
  ASSERT_EQ(comps.size(), 1u);
  EXPECT_EQ(comps[0]["name"], "web");
  EXPECT_EQ(comps[0]["type"], "jsonnet");
  auto protos = nlohmann::json::parse(app.ks({"prototype", "list", "-o", "json"}).out);
  ASSERT_TRUE(protos.is_array());
  EXPECT_TRUE(protos[0].contains("name") && protos[0].contains("description")) << protos[0];
  auto params = nlohmann::json::parse(app.ks({"param", "list", "-o", "json"}).out);
  EXPECT_EQ(params["web"]["image"], "nginx") << params;
  auto yaml = app.ks({"component", "list", "-o", "yaml"});
  EXPECT_EQ(yaml.code, 0);
  EXPECT_NE(yaml.out.find("name: web"), std::string::npos) << yaml.out;
}

TEST(Output, DescribeCommandsHaveJsonAndYaml) {
  OutputApp app;
  auto env = nlohmann::json::parse(app.ks({"env", "describe", "default", "-o", "json"}).out);
  EXPECT_EQ(env["name"], "default") << env;
  auto proto = app.ks({"prototype", "describe", "deployed-service", "-o", "json"});
  ASSERT_EQ(proto.code, 0) << proto.err;
  auto p = nlohmann::json::parse(proto.out);
  EXPECT_EQ(p["name"], "io.ksonnet.pkg.deployed-service");
  ASSERT_TRUE(p["params"].is_array());
  bool image_required = false;
  for (const auto& param : p["params"])
    if (param["name"] == "image") image_required = param["required"].get<bool>();
  EXPECT_TRUE(image_required) << p;
  auto yaml = app.ks({"prototype", "describe", "deployed-service", "-o", "yaml"});
  EXPECT_NE(yaml.out.find("name: io.ksonnet.pkg.deployed-service"), std::string::npos) << yaml.out;
}

}  // namespace
