// Hostile packages and components: vendoring writes only below vendor/REG/PKG, jsonnet imports
// read only the app (or -J folders), vendored code is checked against app.yaml's sha256, and
// runaway components stop with a clear error.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "crash_util.h"
#include "ks_test.h"

namespace {

namespace stdfs = std::filesystem;
using ks_test::Sandbox;

struct App {
  Sandbox sb;
  stdfs::path dir = sb.root() / "app";
  stdfs::path reg = sb.root() / "registry";
  App() {
    crash::write_registry(reg);
    crash::expect_ok(sb.ks({"init", "app", "--server", "https://k8s.example:443"}), "init");
    crash::expect_ok(sb.ks({"registry", "add", "local", reg.string()}, dir), "registry add");
  }
  ks_test::Run ks(const std::vector<std::string>& args) const { return sb.ks(args, dir); }
  // Installing must fail naming `needle`, leaving vendor/ and app.yaml as they were.
  void expect_install_refused(const std::string& needle) const {
    auto before = crash::app_state(dir);
    ks_test::Run r = ks({"pkg", "install", "local/demo"});
    EXPECT_NE(r.code, 0) << r.out;
    EXPECT_NE(r.err.find(needle), std::string::npos) << r.err;
    EXPECT_EQ(crash::app_state(dir), before);
    EXPECT_FALSE(stdfs::exists(dir / "vendor" / "local" / "demo"));
  }
};

TEST(Sandbox, VendoringRejectsSymlinksOutsideThePackage) {
  App app;
  stdfs::create_symlink("/etc/passwd", app.reg / "demo" / "passwd");
  app.expect_install_refused("'passwd' points to the absolute path");
  stdfs::remove(app.reg / "demo" / "passwd");
  stdfs::create_symlink("../../outside.txt", app.reg / "demo" / "escape");
  ks_test::write(app.sb.root() / "outside.txt", "secret");
  app.expect_install_refused("'escape' points outside the package");
}

TEST(Sandbox, VendoringRejectsHardLinksDevicesAndCaseCollisions) {
  {
    App app;
    ks_test::write(app.sb.root() / "secret.txt", "secret");
    stdfs::create_hard_link(app.sb.root() / "secret.txt", app.reg / "demo" / "innocent.txt");
    app.expect_install_refused("'innocent.txt' is a hard link");
  }
  {
    App app;
    ASSERT_EQ(::mkfifo((app.reg / "demo" / "pipe").c_str(), 0644), 0);
    app.expect_install_refused("'pipe' is not a regular file or folder");
  }
  {
    App app;
    ks_test::write(app.reg / "demo" / "Readme.md", "a");
    ks_test::write(app.reg / "demo" / "README.md", "b");
    app.expect_install_refused("differ only by case");
  }
  {
    App app;
    ks_test::write(app.reg / "registry.yaml",
                   "apiVersion: 0.2.0\nkind: ksonnet.io/registry\nlibraries:\n  demo:\n    path: "
                   "../outside\n");
    stdfs::create_directories(app.sb.root() / "outside");
    ks_test::write(app.sb.root() / "outside" / "parts.yaml", "name: demo\n");
    app.expect_install_refused("outside");
  }
}

TEST(Sandbox, AppYamlNamesCannotLeadOutsideVendor) {
  App app;
  std::string spec = ks_test::read(app.dir / "app.yaml");
  ks_test::write(app.dir / "app.yaml",
                 spec +
                     "libraries:\n  local/evil:\n    name: ../../../escaped\n    registry: "
                     "local\n    package: demo\n");
  ks_test::Run r = app.ks({"pkg", "install"});
  EXPECT_NE(r.code, 0);
  EXPECT_NE(r.err.find("is not valid"), std::string::npos) << r.err;
  EXPECT_FALSE(stdfs::exists(app.sb.root() / "escaped"));
  EXPECT_FALSE(stdfs::exists(app.dir / "escaped"));
}

TEST(Sandbox, PkgVerifyReportsDriftAndDeployRefusesIt) {
  App app;
  crash::expect_ok(app.ks({"pkg", "install", "local/demo"}), "install");
  ks_test::Run ok = app.ks({"pkg", "verify"});
  EXPECT_EQ(ok.code, 0) << ok.err;
  EXPECT_NE(ok.out.find("all vendored packages match app.yaml"), std::string::npos);
  ks_test::write(app.dir / "vendor" / "local" / "demo" / "demo.libsonnet", "{ label: 'evil' }\n");
  ks_test::Run drift = app.ks({"pkg", "verify"});
  EXPECT_EQ(drift.code, 1);
  EXPECT_NE(drift.out.find("local/demo: vendored files have sha256"), std::string::npos)
      << drift.out;
  ks_test::Run apply = app.ks({"apply", "default"});
  EXPECT_NE(apply.code, 0);
  EXPECT_NE(apply.err.find("vendored package local/demo"), std::string::npos) << apply.err;
  crash::expect_ok(app.ks({"pkg", "install", "local/demo"}), "reinstall");
  EXPECT_EQ(app.ks({"pkg", "verify"}).code, 0);
}

TEST(Sandbox, ImportsReadOnlyTheAppUnlessJpathAllows) {
  App app;
  stdfs::path outside = app.sb.root() / "outside";
  ks_test::write(outside / "secret.libsonnet", "{ s: 'TOP-SECRET' }\n");
  ks_test::write(outside / "secret.txt", "TOP-SECRET");
  auto component = [&](const std::string& code) {
    ks_test::write(app.dir / "components" / "c.jsonnet",
                   "{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { v: " +
                       code + " } }\n");
  };
  for (const std::string& code :
       {std::string("(import '../../outside/secret.libsonnet').s"),
        "importstr '" + (outside / "secret.txt").string() + "'",
        std::string("importstr '/etc/hostname'"), std::string("(import '../app.yaml')")}) {
    component(code);
    ks_test::Run r = app.ks({"show", "default"});
    EXPECT_NE(r.code, 0) << code << "\n" << r.out;
    EXPECT_EQ(r.out.find("TOP-SECRET"), std::string::npos);
    EXPECT_NE(r.err.find("is outside the app"), std::string::npos) << code << "\n" << r.err;
  }
  // A symlink inside lib/ does not open a way out.
  stdfs::create_symlink(outside / "secret.libsonnet", app.dir / "lib" / "link.libsonnet");
  component("(import 'link.libsonnet').s");
  ks_test::Run link = app.ks({"show", "default"});
  EXPECT_NE(link.code, 0);
  EXPECT_NE(link.err.find("is outside the app"), std::string::npos) << link.err;
  // -J grants a folder explicitly.
  component("(import 'secret.libsonnet').s");
  ks_test::Run j = app.ks({"show", "default", "-J", outside.string()});
  EXPECT_EQ(j.code, 0) << j.err;
  EXPECT_NE(j.out.find("TOP-SECRET"), std::string::npos);
  // Imports inside the app keep working.
  ks_test::write(app.dir / "lib" / "mine.libsonnet", "{ s: 'ok-lib' }\n");
  component("(import 'mine.libsonnet').s");
  ks_test::Run in = app.ks({"show", "default"});
  EXPECT_EQ(in.code, 0) << in.err;
  EXPECT_NE(in.out.find("ok-lib"), std::string::npos);
}

TEST(Sandbox, EndlessRecursionStopsWithAClearError) {
  App app;
  ks_test::write(app.dir / "components" / "loop.jsonnet",
                 "local f(x) = f(x + 1) + 1;\n{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { "
                 "name: 'x' }, data: { v: f(0) } }\n");
  ks_test::Run r = app.ks({"show", "default"});
  EXPECT_NE(r.code, 0);
  EXPECT_NE(r.err.find("max stack frames exceeded"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("loop.jsonnet"), std::string::npos) << r.err;
}

TEST(Sandbox, UnboundedAllocationStopsWithAClearError) {
  App app;
  ks_test::write(app.dir / "components" / "hog.jsonnet",
                 "{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { v: "
                 "std.toString(std.length(std.makeArray(400000000, function(i) i))) } }\n");
  ks_test::Run r = app.sb.ks({"show", "default"}, app.dir, {{"KS_MAX_MEMORY_MB", "768"}});
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_NE(r.err.find("error: rendering ran out of memory (limit 768 MiB)"), std::string::npos)
      << r.err;
}

}  // namespace
