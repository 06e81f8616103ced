// `ks completion`: the bash script is loaded into a real bash, which runs the completion
// function the way it does on TAB; candidates come from the app in the current folder.
#include <gtest/gtest.h>

#include "cli_util.h"

namespace {

namespace stdfs = std::filesystem;

using ks_test::Sandbox;
using ks_test::cli::expect_ok;
using ks_test::cli::lines;

struct CompletionApp {
  Sandbox sb;
  stdfs::path dir = sb.root() / "shop";

  CompletionApp() {
    expect_ok(sb.ks({"init", "shop", "--server", "https://k8s.example:443"}), "init");
    expect_ok(sb.ks({"env", "add", "prod", "--server", "https://k8s.example:443"}, dir),
              "env add prod");
    expect_ok(sb.ks({"env", "add", "staging", "--server", "https://k8s.example:443"}, dir),
              "env add staging");
    expect_ok(sb.ks({"generate", "deployed-service", "web", "--image=nginx"}, dir), "generate web");
    expect_ok(sb.ks({"generate", "configMap", "settings"}, dir), "generate settings");
    // A local registry with one package, so registry and package names complete too.
    auto reg = sb.root() / "reg";
    ks_test::write(reg / "registry.yaml",
                   "apiVersion: 0.2.0\nkind: ksonnet.io/registry\nversion: \"\"\nlibraries:\n"
                   "  demo:\n    path: demo\n    version: master\n");
    ks_test::write(reg / "demo" / "parts.yaml",
                   "name: demo\napiVersion: 0.0.1\nkind: ksonnet.io/parts\ndescription: Demo.\n");
    ks_test::write(
        reg / "demo" / "prototypes" / "demo-map.jsonnet",
        "// @apiVersion 0.1\n// @name io.ksonnet.pkg.demo-map\n"
        "// @shortDescription A demo ConfigMap.\n// @param name string Name.\n"
        "{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: import 'param://name' } }\n");
    expect_ok(sb.ks({"registry", "add", "local", reg.string()}, dir), "registry add");
  }

  // Runs bash's completion for `words` (the last one being completed) and returns COMPREPLY.
  std::vector<std::string> complete(const std::vector<std::string>& words) const {
    std::string array = "'" + std::string(KS_BINARY) + "'";
    for (const auto& w : words) array += " '" + w + "'";
    std::string script = "source <('" + std::string(KS_BINARY) +
                         "' completion bash) || exit 3\n"
                         "complete -p ks || exit 4\n"
                         "COMP_WORDS=(" +
                         array +
                         ")\n"
                         "COMP_CWORD=" +
                         std::to_string(words.size()) +
                         "\n"
                         "_ks_complete\n"
                         "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
    auto r = ks_test::cli::run({"bash", "--norc", "--noprofile", "-c", script}, dir, sb);
    EXPECT_EQ(r.code, 0) << r.err;
    auto out = lines(r.out);
    // The first line is `complete -p ks`: the function is registered for ks.
    EXPECT_FALSE(out.empty());
    if (out.empty()) return out;
    EXPECT_EQ(out[0], "complete -o default -F _ks_complete ks");
    out.erase(out.begin());
    return out;
  }
};

using Words = std::vector<std::string>;

TEST(Completion, BashCompletesCommandsAndSubcommands) {
  CompletionApp app;
  auto top = app.complete({""});
  for (const char* want : {"apply", "env", "param", "completion", "docs", "upgrade", "generate"})
    EXPECT_NE(std::find(top.begin(), top.end(), want), top.end()) << want;
  EXPECT_EQ(std::find(top.begin(), top.end(), "__complete"), top.end());
  EXPECT_EQ(app.complete({"en"}), Words{"env"});
  EXPECT_EQ(app.complete({"env", "d"}), Words{"describe"});
  EXPECT_EQ(app.complete({"pkg", "rem"}), Words{"remove"});
}

TEST(Completion, BashCompletesEnvironmentNames) {
  CompletionApp app;
  EXPECT_EQ(app.complete({"env", "rm", ""}), (Words{"default", "prod", "staging"}));
  EXPECT_EQ(app.complete({"apply", "p"}), Words{"prod"});
  EXPECT_EQ(app.complete({"diff", "prod", "s"}), Words{"staging"});
  EXPECT_EQ(app.complete({"param", "set", "--env", ""}), (Words{"default", "prod", "staging"}));
  // bash splits `--env=s` at '=': the value is still completed.
  EXPECT_EQ(app.complete({"param", "list", "--env", "=", "s"}), Words{"staging"});
  // Global --dir is honoured: from outside the app the names still come.
  auto r = ks_test::cli::run({KS_BINARY, "__complete", "--dir", app.dir.string(), "env", "rm", "p"},
                             app.sb.root(), app.sb);
  EXPECT_EQ(r.out, "prod\n");
}

TEST(Completion, BashCompletesComponentsPrototypesRegistriesAndPackages) {
  CompletionApp app;
  EXPECT_EQ(app.complete({"component", "rm", ""}), (Words{"settings", "web"}));
  EXPECT_EQ(app.complete({"param", "set", "w"}), Words{"web"});
  EXPECT_EQ(app.complete({"show", "prod", "-c", ""}), (Words{"settings", "web"}));
  EXPECT_EQ(app.complete({"generate", "deployed-s"}), Words{"deployed-service"});
  EXPECT_EQ(app.complete({"registry", "describe", ""}), Words{"local"});
  EXPECT_EQ(app.complete({"pkg", "install", "lo"}), Words{"local/demo"});
  EXPECT_TRUE(app.complete({"pkg", "remove", ""}).empty());  // nothing installed yet
  EXPECT_TRUE(app.complete({"prototype", "describe", "demo"}).empty());
  expect_ok(app.sb.ks({"pkg", "install", "local/demo"}, app.dir), "pkg install");
  EXPECT_EQ(app.complete({"pkg", "remove", ""}), Words{"local/demo"});
  EXPECT_EQ(app.complete({"prototype", "describe", "demo"}), Words{"demo-map"});
}

TEST(Completion, BashCompletesFlagsAndTheirValues) {
  CompletionApp app;
  auto flags = app.complete({"apply", "--"});
  for (const char* want : {"--dry-run", "--prune", "--component", "--dir", "--log-level"})
    EXPECT_NE(std::find(flags.begin(), flags.end(), want), flags.end()) << want;
  EXPECT_EQ(app.complete({"env", "list", "-o", ""}), (Words{"json", "table", "yaml"}));
  EXPECT_EQ(app.complete({"completion", ""}), (Words{"bash", "fish", "zsh"}));
  // Kube contexts come from the kubeconfig.
  ks_test::write(app.sb.home() / ".kube" / "config",
                 "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: "
                 "https://k8s.example:443\nusers:\n- name: u\n  user: {}\ncontexts:\n"
                 "- name: gke\n  context: {cluster: c, user: u}\n"
                 "- name: minikube\n  context: {cluster: c, user: u}\n");
  EXPECT_EQ(app.complete({"env", "add", "x", "--context", ""}), (Words{"gke", "minikube"}));
}

TEST(Completion, OutsideAnAppOnlyCommandsComplete) {
  Sandbox sb;
  auto r = ks_test::cli::run({KS_BINARY, "__complete", "env", "rm", ""}, sb.root(), sb);
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "");
  r = ks_test::cli::run({KS_BINARY, "__complete", "env", "a"}, sb.root(), sb);
  EXPECT_EQ(r.out, "add\n");
}

TEST(Completion, ZshAndFishScriptsCallTheCompletionEntryPoint) {
  Sandbox sb;
  for (const char* shell : {"zsh", "fish"}) {
    auto r = sb.ks({"completion", shell});
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("__complete"), std::string::npos) << shell << ": " << r.out;
  }
  EXPECT_NE(sb.ks({"completion", "zsh"}).out.find("compdef _ks ks"), std::string::npos);
  EXPECT_NE(sb.ks({"completion", "fish"}).out.find("complete -c ks"), std::string::npos);
  auto bad = sb.ks({"completion", "tcsh"});
  EXPECT_EQ(bad.code, 2);
  EXPECT_EQ(bad.err.rfind("error: ", 0), 0u) << bad.err;
}

}  // namespace
