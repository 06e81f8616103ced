// Progress of apply / delete / registry add / pkg install: a live `[done/total]` line redrawn
// with carriage returns under a real pseudo-terminal (util-linux `script`), plain lines in a pipe.
#include <gtest/gtest.h>

#include "cli_util.h"
#include "server_fixture.h"

namespace {

namespace stdfs = std::filesystem;

using ks_test::Sandbox;
using ks_test::TestApiServer;
using ks_test::cli::expect_ok;

std::string quote(const std::string& s) {
  return "'" + ks::str::replace_all(s, "'", "'\\''") + "'";
}

struct ProgressApp {
  TestApiServer srv;
  Sandbox sb;
  std::map<std::string, std::string> env{{"KUBECONFIG", srv.kubeconfig()}};
  stdfs::path dir = sb.root() / "shop";

  ProgressApp() {
    expect_ok(sb.ks({"init", "shop"}, sb.root(), env), "init");
    ks_test::write(dir / "components" / "extra.yaml",
                   "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: extra\n");
    for (const char* name : {"c", "a", "b"}) {
      ks_test::write(dir / "components" / (std::string(name) + ".yaml"),
                     std::string("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ") + name +
                         "\ndata:\n  k: v\n");
    }
  }

  // `ks args...` on a pseudo-terminal; returns what the terminal received.
  ks_test::Run on_tty(const std::vector<std::string>& args,
                      std::map<std::string, std::string> extra = {}) const {
    std::string cmd = quote(KS_BINARY);
    for (const auto& a : args) cmd += " " + quote(a);
    auto e = env;
    e["TERM"] = "xterm";
    for (auto& [k, v] : extra) e[k] = v;
    return ks_test::cli::run({"script", "-qec", cmd, "/dev/null"}, dir, sb, e);
  }
  ks_test::Run piped(const std::vector<std::string>& args) const {
    return ks_test::cli::run(
        [&] {
          std::vector<std::string> argv{KS_BINARY};
          argv.insert(argv.end(), args.begin(), args.end());
          return argv;
        }(),
        dir, sb, env);
  }
};

TEST(Progress, ApplyAndDeleteShowALiveLineOnATerminal) {
  ProgressApp app;
  auto r = app.on_tty({"apply", "default"});
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("\r\033[K[0/4] applying"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\r\033[K[4/4] applying namespaced objects: configmap default/"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("[1/4] applying namespaces and CRDs: namespace extra"), std::string::npos)
      << r.out;
  // Colour on a terminal: the action word is green.
  EXPECT_NE(r.out.find("\033[32mcreated\033[0m configmap default/a"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("applied 4 objects: 4 created"), std::string::npos) << r.out;

  auto del = app.on_tty({"delete", "default"}, {{"NO_COLOR", "1"}});
  ASSERT_EQ(del.code, 0) << del.out;
  EXPECT_NE(del.out.find("[4/4] deleting"), std::string::npos) << del.out;
  EXPECT_EQ(del.out.find("\033[32m"), std::string::npos) << "NO_COLOR is set: " << del.out;
}

TEST(Progress, ColourFollowsNoColorAndTheColorFlag) {
  ProgressApp app;
  // no-color.org: only a non-empty NO_COLOR disables colour.
  auto empty = app.on_tty({"env", "rm", "nosuch"}, {{"NO_COLOR", ""}});
  EXPECT_NE(empty.out.find("\033[31merror:"), std::string::npos) << empty.out;
  auto set = app.on_tty({"env", "rm", "nosuch"}, {{"NO_COLOR", "1"}});
  EXPECT_EQ(set.out.find('\033'), std::string::npos) << set.out;
  auto never = app.on_tty({"--color=never", "env", "rm", "nosuch"}, {{"NO_COLOR", ""}});
  EXPECT_EQ(never.out.find('\033'), std::string::npos) << never.out;
  // --color=always colours a pipe too; --color=auto (the default) does not.
  auto always = app.piped({"--color=always", "env", "rm", "nosuch"});
  EXPECT_NE(always.err.find("\033[31merror:"), std::string::npos) << always.err;
  auto automatic = app.piped({"--color", "auto", "env", "rm", "nosuch"});
  EXPECT_EQ(automatic.err.find('\033'), std::string::npos) << automatic.err;
  EXPECT_EQ(app.piped({"--color=sometimes", "version"}).code, 2);
}

TEST(Progress, RetriesAreCountedOnTheLiveLine) {
  ProgressApp app;
  app.srv.set_faults("rate=1,kinds=503,max=2,methods=PATCH");
  auto r = app.on_tty({"apply", "default"});
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find(" (1 retry)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("[4/4] applying namespaced objects: configmap default/"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find(" (2 retries)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("applied 4 objects: 4 created"), std::string::npos) << r.out;
}

TEST(Progress, PipedOutputIsPlainAndSortedWithinEachTier) {
  ProgressApp app;
  auto r = app.piped({"apply", "default"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out,
            "created namespace extra\n"
            "created configmap default/a\n"
            "created configmap default/b\n"
            "created configmap default/c\n"
            "applied 4 objects: 4 created, 0 configured, 0 unchanged, 0 failed\n");
  EXPECT_EQ(r.err.find('\033'), std::string::npos);
  auto del = app.piped({"delete", "default"});
  ASSERT_EQ(del.code, 0) << del.err;
  EXPECT_EQ(del.out.find('\r'), std::string::npos) << del.out;
  EXPECT_EQ(del.out.find('\033'), std::string::npos) << del.out;
  EXPECT_NE(del.out.find("deleted configmap default/a\ndeleted configmap default/b\n"),
            std::string::npos)
      << del.out;
}

TEST(Progress, RegistryAddAndPkgInstallShowTheirStep) {
  ProgressApp app;
  auto reg = app.sb.root() / "reg";
  ks_test::write(reg / "registry.yaml",
                 "apiVersion: 0.2.0\nkind: ksonnet.io/registry\nversion: \"\"\nlibraries:\n"
                 "  demo:\n    path: demo\n    version: master\n");
  ks_test::write(reg / "demo" / "parts.yaml",
                 "name: demo\napiVersion: 0.0.1\nkind: ksonnet.io/parts\ndescription: Demo.\n");
  ks_test::write(reg / "demo" / "demo.libsonnet", "{}\n");
  auto add = app.on_tty({"registry", "add", "local", reg.string()});
  ASSERT_EQ(add.code, 0) << add.out;
  EXPECT_NE(add.out.find("\r\033[K[1/1] fetching registry 'local'"), std::string::npos) << add.out;
  EXPECT_NE(add.out.find("added registry 'local'"), std::string::npos) << add.out;
  auto install = app.on_tty({"pkg", "install", "local/demo"});
  ASSERT_EQ(install.code, 0) << install.out;
  EXPECT_NE(install.out.find("[1/1] installing local/demo"), std::string::npos) << install.out;
  EXPECT_NE(install.out.find("installed local/demo"), std::string::npos) << install.out;
  // Piped: only the result line.
  auto again = app.piped({"pkg", "install", "local/demo"});
  EXPECT_EQ(again.code, 0) << again.err;
  EXPECT_EQ(again.out.find('\r'), std::string::npos) << again.out;
}

}  // namespace
