// `ks registry` and `ks pkg` against registries in folders and in git repositories made with
// libgit2 (file:// URLs only: no network).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "base/yaml.h"
#include "e2e_util.h"

namespace ks_test::registry {
namespace {

using nlohmann::json;

json app_yaml(const stdfs::path& app) {
  return ks::yaml::parse(read(app / "app.yaml"), "app.yaml");
}

std::map<std::string, std::string> vendor_files(const stdfs::path& app) {
  return snapshot(app / "vendor");
}

// Renders the app's default env and returns the ConfigMap `name`.
json configmap(const Sandbox& sb, const stdfs::path& app, const std::string& name) {
  ks_test::Run r = sb.ks({"show", "default"}, app);
  EXPECT_EQ(r.code, 0) << r.err;
  for (const auto& doc : ks::yaml::parse_all(r.out, "show"))
    if (doc.value("kind", "") == "ConfigMap" && doc["metadata"].value("name", "") == name)
      return doc;
  ADD_FAILURE() << "no ConfigMap " << name << " in\n" << r.out;
  return json();
}

TEST(RegistryGit, AddInstallGenerateAndFreshCloneReinstall) {
  Sandbox sb;
  stdfs::path repo = sb.root() / "src" / "repo";
  write_demo_registry(repo / "reg");
  std::string sha = git::commit_all(repo, "first");
  stdfs::path app = new_app(sb, "app");

  expect_ok(sb.ks({"registry", "add", "local", file_url(repo) + "/tree/master/reg"}, app),
            "registry add");
  json spec = app_yaml(app);
  EXPECT_EQ(spec["registries"]["local"]["protocol"], "git");
  EXPECT_EQ(spec["registries"]["local"]["commit"], sha);
  EXPECT_EQ(spec["registries"]["local"]["version"], "master");
  EXPECT_TRUE(stdfs::exists(app / ".ksonnet" / "registries" / "local" / "registry.yaml"));

  expect_ok(sb.ks({"pkg", "install", "local/demo"}, app), "pkg install");
  spec = app_yaml(app);
  json lib = spec["libraries"]["local/demo"];
  EXPECT_EQ(lib["commit"], sha);
  EXPECT_EQ(lib["registry"], "local");
  EXPECT_EQ(lib["name"], "demo");
  EXPECT_EQ(lib["sha256"].get<std::string>().size(), 64u);
  EXPECT_EQ(read(app / "vendor" / "local" / "demo" / "demo.libsonnet"), "{ label: 'web' }\n");

  ks_test::Run list = sb.ks({"pkg", "list", "-o", "json"}, app);
  expect_ok(list, "pkg list");
  json rows = json::parse(list.out);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0]["name"], "demo");
  EXPECT_EQ(rows[0]["installed"], true);

  expect_ok(sb.ks({"generate", "demo", "web", "--size=5"}, app), "generate");
  json cm = configmap(sb, app, "web");
  EXPECT_EQ(cm["data"]["label"], "web");
  EXPECT_EQ(cm["data"]["double"], "10");

  // A fresh clone has no vendor/ and no registry cache: `ks pkg install` restores both from
  // app.yaml.
  auto before = vendor_files(app);
  stdfs::remove_all(app / "vendor");
  stdfs::remove_all(app / ".ksonnet" / "registries");
  std::string yaml_before = read(app / "app.yaml");
  ks_test::Run reinstall = sb.ks({"pkg", "install"}, app);
  expect_ok(reinstall, "pkg install (all)");
  EXPECT_NE(reinstall.out.find("installed local/demo"), std::string::npos) << reinstall.out;
  EXPECT_EQ(vendor_files(app), before);
  EXPECT_EQ(read(app / "app.yaml"), yaml_before);
  ks_test::Run again = sb.ks({"pkg", "install"}, app);
  expect_ok(again, "pkg install (intact)");
  EXPECT_NE(again.out.find("up to date local/demo"), std::string::npos) << again.out;

  // Tampered vendored files are detected by the sha256 and restored.
  write(app / "vendor" / "local" / "demo" / "demo.libsonnet", "{ label: 'hacked' }\n");
  expect_ok(sb.ks({"pkg", "install"}, app), "pkg install (repair)");
  EXPECT_EQ(vendor_files(app), before);
}

TEST(RegistryGit, PinnedRefsAndSet) {
  Sandbox sb;
  stdfs::path repo = sb.root() / "repo";
  write_demo_registry(repo, "one");
  std::string first = git::commit_all(repo, "first");
  git::tag(repo, "v1", first);
  stdfs::path app = new_app(sb, "app");
  expect_ok(sb.ks({"registry", "add", "local", file_url(repo)}, app), "registry add");

  write_demo_registry(repo, "two");
  std::string second = git::commit_all(repo, "second");
  // The registry stays pinned at the commit resolved when it was added.
  expect_ok(sb.ks({"pkg", "install", "local/demo"}, app), "install pinned");
  EXPECT_EQ(read(app / "vendor/local/demo/demo.libsonnet"), "{ label: 'one' }\n");
  EXPECT_EQ(app_yaml(app)["libraries"]["local/demo"]["commit"], first);

  expect_ok(sb.ks({"registry", "set", "local", "--version", "master"}, app), "registry set");
  EXPECT_EQ(app_yaml(app)["registries"]["local"]["commit"], second);
  expect_ok(sb.ks({"pkg", "install", "local/demo"}, app), "install new");
  EXPECT_EQ(read(app / "vendor/local/demo/demo.libsonnet"), "{ label: 'two' }\n");

  expect_ok(sb.ks({"pkg", "install", "local/demo@v1"}, app), "install @tag");
  EXPECT_EQ(read(app / "vendor/local/demo/demo.libsonnet"), "{ label: 'one' }\n");
  json lib = app_yaml(app)["libraries"]["local/demo"];
  EXPECT_EQ(lib["ref"], "v1");
  EXPECT_EQ(lib["commit"], first);

  expect_ok(sb.ks({"pkg", "install", "local/demo@" + second}, app), "install @sha");
  EXPECT_EQ(read(app / "vendor/local/demo/demo.libsonnet"), "{ label: 'two' }\n");

  ks_test::Run bad = sb.ks({"pkg", "install", "local/demo@no-such-ref"}, app);
  expect_one_line_error(bad, "no-such-ref");
}

TEST(RegistryGit, OfflineFromUserCache) {
  Sandbox sb;
  stdfs::path repo = sb.root() / "repo";
  write_demo_registry(repo / "reg");
  std::string sha = git::commit_all(repo, "first");
  stdfs::path app1 = new_app(sb, "app1");
  std::string uri = file_url(repo) + "/tree/master/reg";
  expect_ok(sb.ks({"registry", "add", "local", uri}, app1), "add");
  expect_ok(sb.ks({"pkg", "install", "local/demo"}, app1), "install");
  auto vendored = vendor_files(app1);

  stdfs::remove_all(repo);  // the network (the source) is gone

  stdfs::path app2 = new_app(sb, "app2");
  ks_test::Run add = sb.ks({"registry", "add", "local", uri}, app2);
  expect_ok(add, "add offline");
  EXPECT_NE(add.err.find("using the cached copy"), std::string::npos) << add.err;
  EXPECT_EQ(app_yaml(app2)["registries"]["local"]["commit"], sha);
  expect_ok(sb.ks({"pkg", "install", "local/demo"}, app2), "install offline");
  EXPECT_EQ(vendor_files(app2), vendored);

  // A pinned re-install needs no fetch at all.
  stdfs::remove_all(app1 / "vendor");
  stdfs::remove_all(app1 / ".ksonnet" / "registries");
  expect_ok(sb.ks({"pkg", "install"}, app1), "reinstall offline");
  EXPECT_EQ(vendor_files(app1), vendored);
}

TEST(RegistryFs, ListDescribeRemove) {
  Sandbox sb;
  write_demo_registry(sb.root() / "reg");
  stdfs::path app = new_app(sb, "app");
  expect_ok(sb.ks({"registry", "add", "local", "../reg"}, app), "add fs");
  json spec = app_yaml(app);
  EXPECT_EQ(spec["registries"]["local"]["protocol"], "fs");
  EXPECT_EQ(spec["registries"]["local"]["uri"], "../reg");

  ks_test::Run list = sb.ks({"registry", "list", "-o", "json"}, app);
  expect_ok(list, "registry list");
  json rows = json::parse(list.out);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0]["name"], "local");
  EXPECT_EQ(rows[0]["protocol"], "fs");
  ks_test::Run table = sb.ks({"registry", "list"}, app);
  EXPECT_EQ(table.out.rfind("NAME  OVERRIDE PROTOCOL URI", 0), 0u) << table.out;

  ks_test::Run desc = sb.ks({"registry", "describe", "local"}, app);
  expect_ok(desc, "describe");
  EXPECT_NE(desc.out.find("REGISTRY NAME:\nlocal\n"), std::string::npos) << desc.out;
  EXPECT_NE(desc.out.find("PACKAGES:\n  demo\n"), std::string::npos) << desc.out;

  ks_test::Run dup = sb.ks({"registry", "add", "local", "../reg"}, app);
  expect_one_line_error(dup, "already exists");

  expect_ok(sb.ks({"pkg", "install", "local/demo"}, app), "install");
  EXPECT_EQ(app_yaml(app)["libraries"]["local/demo"]["commit"], nullptr);
  ks_test::Run pdesc = sb.ks({"pkg", "describe", "local/demo"}, app);
  expect_ok(pdesc, "pkg describe");
  EXPECT_NE(pdesc.out.find("LIBRARY NAME:\nlocal/demo\n\nDESCRIPTION:\nA demo package.\n"),
            std::string::npos)
      << pdesc.out;
  EXPECT_NE(pdesc.out.find("io.ksonnet.pkg.demo - A demo ConfigMap."), std::string::npos)
      << pdesc.out;

  ks_test::Run in_use = sb.ks({"registry", "rm", "local"}, app);
  expect_one_line_error(in_use, "local/demo");

  // pkg remove refuses while a component was made from the package's prototype.
  expect_ok(sb.ks({"generate", "io.ksonnet.pkg.demo", "web"}, app), "generate");
  auto before = snapshot(app);
  ks_test::Run refused = sb.ks({"pkg", "remove", "local/demo"}, app);
  expect_one_line_error(refused, "web (made from prototype io.ksonnet.pkg.demo)");
  EXPECT_EQ(snapshot(app), before);
  expect_ok(sb.ks({"pkg", "remove", "local/demo", "--force"}, app), "remove --force");
  EXPECT_FALSE(stdfs::exists(app / "vendor" / "local" / "demo"));
  EXPECT_FALSE(app_yaml(app).contains("libraries"));

  expect_ok(sb.ks({"registry", "rm", "local"}, app), "registry rm");
  EXPECT_FALSE(app_yaml(app).contains("registries"));
}

TEST(RegistryFs, RemoveDetectsImportsOfKsonnetComponents) {
  Sandbox sb;
  write_demo_registry(sb.root() / "reg");
  stdfs::path app = new_app(sb, "app");
  expect_ok(sb.ks({"registry", "add", "local", (sb.root() / "reg").string()}, app), "add");
  expect_ok(sb.ks({"pkg", "install", "local/demo"}, app), "install");
  write(app / "components" / "old.jsonnet",
        "local d = import \"local/demo/demo.libsonnet\";\n{ apiVersion: 'v1', kind: 'List', items: "
        "[] }\n");
  ks_test::Run refused = sb.ks({"pkg", "remove", "local/demo"}, app);
  expect_one_line_error(refused, "old (imports local/demo/...)");
}

TEST(RegistryOverride, AddToOverrideFile) {
  Sandbox sb;
  write_demo_registry(sb.root() / "reg");
  stdfs::path app = new_app(sb, "app");
  std::string yaml_before = read(app / "app.yaml");
  expect_ok(sb.ks({"registry", "add", "local", "../reg", "--override"}, app), "add --override");
  EXPECT_EQ(read(app / "app.yaml"), yaml_before);
  json over = ks::yaml::parse(read(app / "app.override.yaml"), "o");
  EXPECT_EQ(over["kind"], "ksonnet.io/app-override");
  EXPECT_EQ(over["registries"]["local"]["uri"], "../reg");
  ks_test::Run table = sb.ks({"registry", "list"}, app);
  EXPECT_NE(table.out.find("local *"), std::string::npos) << table.out;
  expect_ok(sb.ks({"pkg", "install", "local/demo"}, app), "install from override registry");
  expect_one_line_error(sb.ks({"registry", "rm", "local"}, app),
                        "still has installed packages: local/demo");
  expect_ok(sb.ks({"pkg", "remove", "local/demo"}, app), "pkg remove");
  expect_ok(sb.ks({"registry", "rm", "local"}, app), "rm");
  EXPECT_FALSE(stdfs::exists(app / "app.override.yaml"));
  EXPECT_EQ(read(app / "app.yaml"), yaml_before);
}

TEST(RegistryKsonnetLayout, ReadsVersionedVendorFolders) {
  Sandbox sb;
  stdfs::path app = new_app(sb, "app");
  std::string sha(40, 'a');
  write_demo_registry(sb.root() / "reg");
  stdfs::create_directories(app / "vendor" / "local");
  stdfs::copy(sb.root() / "reg" / "demo", app / "vendor" / "local" / ("demo@" + sha),
              stdfs::copy_options::recursive);
  std::string text = read(app / "app.yaml");
  text +=
      "libraries:\n  local/demo:\n    name: demo\n    registry: local\n    version: " + sha + "\n";
  write(app / "app.yaml", text);
  ks_test::Run list = sb.ks({"prototype", "list"}, app);
  expect_ok(list, "prototype list");
  EXPECT_NE(list.out.find("io.ksonnet.pkg.demo"), std::string::npos) << list.out;
  ks_test::Run desc = sb.ks({"pkg", "describe", "local/demo"}, app);
  expect_ok(desc, "pkg describe");
}

// Every bad registry gives one clear error line, a non-zero exit, and leaves the app as it was.
class BadRegistry : public ::testing::Test {
 protected:
  void SetUp() override {
    app = new_app(sb, "app");
    write_demo_registry(sb.root() / "good");
    expect_ok(sb.ks({"registry", "add", "good", "../good"}, app), "add good");  // first transaction
    before = snapshot(app);
  }
  void expect_add_fails(const std::string& uri, const std::string& needle) {
    expect_one_line_error(sb.ks({"registry", "add", "bad", uri}, app), needle);
    EXPECT_EQ(snapshot(app), before);
  }
  void expect_install_fails(const std::string& uri, const std::string& needle) {
    expect_ok(sb.ks({"registry", "add", "bad", uri}, app), "add " + uri);
    before = snapshot(app);
    expect_one_line_error(sb.ks({"pkg", "install", "bad/demo"}, app), needle);
    EXPECT_EQ(snapshot(app), before);
  }
  Sandbox sb;
  stdfs::path app;
  std::map<std::string, std::string> before;
};

TEST_F(BadRegistry, MalformedYaml) {
  write(sb.root() / "r" / "registry.yaml", "apiVersion: 0.2.0\nlibraries: [unclosed\n");
  expect_add_fails("../r", "registry.yaml");
}

TEST_F(BadRegistry, MissingRegistryYaml) {
  stdfs::create_directories(sb.root() / "empty");
  expect_add_fails("../empty", "no registry.yaml");
  expect_add_fails("../does-not-exist", "does not exist");
}

TEST_F(BadRegistry, DotDotAndAbsolutePackagePaths) {
  write(sb.root() / "r1" / "registry.yaml",
        "apiVersion: 0.2.0\nkind: ksonnet.io/registry\nlibraries:\n  demo: {path: ../good/demo}\n");
  expect_add_fails("../r1", "libraries.demo.path");
  write(sb.root() / "r2" / "registry.yaml",
        "apiVersion: 0.2.0\nkind: ksonnet.io/registry\nlibraries:\n  demo: {path: /etc}\n");
  expect_add_fails("../r2", "is absolute");
  // The same in a git registry.
  stdfs::path repo = sb.root() / "gitrepo";
  write(repo / "registry.yaml",
        "apiVersion: 0.2.0\nkind: ksonnet.io/registry\nlibraries:\n  demo: {path: ../../x}\n");
  git::commit_all(repo, "bad");
  expect_add_fails(file_url(repo), "contains '..'");
}

TEST_F(BadRegistry, SymlinkOutsideThePackage) {
  write_demo_registry(sb.root() / "r");
  write(sb.root() / "secret.txt", "secret");
  stdfs::create_symlink("../../secret.txt", sb.root() / "r" / "demo" / "leak.txt");
  expect_install_fails("../r", "symlink 'leak.txt' points outside the package");
}

TEST_F(BadRegistry, SymlinkOutsideThePackageInGit) {
  stdfs::path repo = sb.root() / "gitrepo";
  write_demo_registry(repo);
  stdfs::create_symlink("../registry.yaml", repo / "demo" / "leak.yaml");
  git::commit_all(repo, "symlink");
  expect_install_fails(file_url(repo), "symlink 'leak.yaml' points outside the package");
}

// A vendored `.git` runs its config's core.fsmonitor on the next `git status` there.
TEST_F(BadRegistry, RepositoryMetadataInAFolderRegistry) {
  const std::string fsmonitor = "[core]\n\tfsmonitor = touch /tmp/ks-pwned\n";
  struct Case {
    std::string file, needle;
  };
  for (const Case& c : {Case{".git/config", "'.git' is repository metadata"},
                        Case{".GIT/config", "'.GIT' is repository metadata"},
                        Case{"sub/.Git", "'sub/.Git' is repository metadata"},
                        Case{"sub/.git./config", "'sub/.git.' is repository metadata"},
                        Case{"sub/GIT~1/config", "'sub/GIT~1' is repository metadata"},
                        Case{".hg/hgrc", "'.hg' is repository metadata"},
                        Case{"bare/HEAD", "'bare' is a git repository folder"}}) {
    SCOPED_TRACE(c.file);
    stdfs::remove_all(sb.root() / "r");
    write_demo_registry(sb.root() / "r");
    write(sb.root() / "r" / "demo" / c.file, fsmonitor);
    if (c.file == "bare/HEAD") {
      stdfs::create_directories(sb.root() / "r" / "demo" / "bare" / "objects");
      stdfs::create_directories(sb.root() / "r" / "demo" / "bare" / "refs");
    }
    sb.ks({"registry", "rm", "bad"}, app);
    expect_install_fails("../r", "package bad/demo: folder 'demo': " + c.needle);
    EXPECT_FALSE(stdfs::exists(app / "vendor" / "bad"));
  }
  // A registry.yaml path into metadata.
  sb.ks({"registry", "rm", "bad"}, app);
  before = snapshot(app);
  write(sb.root() / "r2" / "registry.yaml",
        "apiVersion: 0.2.0\nkind: ksonnet.io/registry\nlibraries:\n  demo: {path: x/.git}\n");
  expect_add_fails("../r2", "leads into repository metadata");
}

TEST_F(BadRegistry, RepositoryMetadataInAGitRegistry) {
  for (const std::string name : {".git", ".GIT", ".Git"}) {
    for (bool as_folder : {true, false}) {
      SCOPED_TRACE(name + (as_folder ? "/config" : " file"));
      stdfs::path repo = sb.root() / ("gitrepo" + name + (as_folder ? "d" : "f"));
      write_demo_registry(repo);
      git::commit_all(repo, "good");
      git::commit_raw_entry(
          repo, "demo", name, as_folder,
          as_folder ? "[core]\n\tfsmonitor = touch /tmp/ks-pwned\n" : "gitdir: /tmp\n");
      // The registry's tree is extracted (into the app's registry cache) before any package is
      // installed, so the whole registry is refused, naming the package folder's entry.
      expect_add_fails(file_url(repo), "'demo/" + name + "' is repository metadata");
      EXPECT_FALSE(stdfs::exists(app / "vendor" / "bad"));
      EXPECT_FALSE(stdfs::exists(app / ".ksonnet" / "registries" / "bad"));
    }
  }
}

TEST_F(BadRegistry, MissingPackageFolderAndParts) {
  write(sb.root() / "r" / "registry.yaml",
        "apiVersion: 0.2.0\nkind: ksonnet.io/registry\nlibraries:\n  demo: {path: nowhere}\n");
  expect_install_fails("../r", "no such folder");
}

TEST_F(BadRegistry, MalformedPartsAndPrototype) {
  write_demo_registry(sb.root() / "r");
  write(sb.root() / "r" / "demo" / "parts.yaml", "name: [oops\n");
  expect_install_fails("../r", "parts.yaml");
  write_demo_registry(sb.root() / "r2");
  write(sb.root() / "r2" / "demo" / "prototypes" / "broken.jsonnet",
        "// @name x\n// @param a strang Bad type\n{}\n");
  expect_ok(sb.ks({"registry", "add", "bad2", "../r2"}, app), "add bad2");
  before = snapshot(app);
  expect_one_line_error(sb.ks({"pkg", "install", "bad2/demo"}, app), "broken.jsonnet:2");
  EXPECT_EQ(snapshot(app), before);
}

TEST_F(BadRegistry, UnreachableUrls) {
  expect_add_fails("file:///nonexistent/ks-test/repo", "file:///nonexistent/ks-test/repo");
  expect_add_fails("git://127.0.0.1:1/nothing", "git://127.0.0.1:1/nothing");
  expect_add_fails("ftp://example.invalid/x", "not understood");
}

TEST_F(BadRegistry, UnknownPackageAndRegistry) {
  expect_one_line_error(sb.ks({"pkg", "install", "good/nope"}, app), "packages: demo");
  expect_one_line_error(sb.ks({"pkg", "install", "nope/demo"}, app), "registries: good");
  expect_one_line_error(sb.ks({"pkg", "install", "not-a-descriptor"}, app), "REGISTRY/PACKAGE");
  EXPECT_EQ(snapshot(app), before);
}

TEST(RegistryAuthoring, InitPackageAndLint) {
  Sandbox sb;
  stdfs::path reg = sb.root() / "acme";
  expect_ok(sb.ks({"registry", "init", reg.string()}), "registry init");
  expect_ok(sb.ks({"pkg", "init", (reg / "web").string()}), "pkg init");
  EXPECT_TRUE(stdfs::exists(reg / "web" / "prototypes" / "web.jsonnet"));
  EXPECT_NE(read(reg / "registry.yaml").find("web"), std::string::npos);
  ks_test::Run lint = sb.ks({"registry", "lint", reg.string()});
  expect_ok(lint, "lint scaffold");
  EXPECT_NE(lint.out.find("no problems"), std::string::npos) << lint.out;

  // The scaffolded package installs and generates in an app.
  stdfs::path app = new_app(sb, "app");
  expect_ok(sb.ks({"registry", "add", "acme", reg.string()}, app), "add");
  expect_ok(sb.ks({"pkg", "install", "acme/web"}, app), "install");
  expect_ok(sb.ks({"generate", "web", "site"}, app), "generate");
  expect_ok(sb.ks({"show", "default"}, app), "show");
}

TEST(RegistryAuthoring, LintReportsEveryProblemWithFileAndLine) {
  Sandbox sb;
  stdfs::path reg = sb.root() / "bad";
  write(reg / "registry.yaml",
        "apiVersion: 0.2.0\nkind: ksonnet.io/registry\nlibraries:\n  a: {path: a}\n  b: {path: "
        "b}\n  c: {path: missing}\n");
  write(reg / "a" / "parts.yaml", "name: a\nkind: ksonnet.io/parts\n");
  write(reg / "a" / "prototypes" / "p.jsonnet",
        "// @name io.ksonnet.pkg.a\n// @optionalParam n number many Count\n{}\n");
  write(reg / "b" / "parts.yaml", "name: b\nkind: ksonnet.io/parts\n");
  write(reg / "b" / "prototypes" / "q.jsonnet",
        "// @name io.ksonnet.pkg.b\n// @param name string N\n{ apiVersion: 'v1', kind: "
        "'ConfigMap', metadata: { name: import 'param://name' }, data: error 'boom' }\n");
  ks_test::Run lint = sb.ks({"registry", "lint", reg.string()});
  EXPECT_NE(lint.code, 0);
  EXPECT_NE(lint.out.find((reg / "a" / "prototypes" / "p.jsonnet").string() + ":2: default of n"),
            std::string::npos)
      << lint.out;
  EXPECT_NE(lint.out.find("libraries.c.path: folder 'missing' does not exist"), std::string::npos)
      << lint.out;
  EXPECT_NE(lint.out.find((reg / "b" / "prototypes" / "q.jsonnet").string() + ": does not render"),
            std::string::npos)
      << lint.out;
  EXPECT_NE(lint.out.find("boom"), std::string::npos) << lint.out;
  EXPECT_NE(lint.err.find("3 problems"), std::string::npos) << lint.err;
}

}  // namespace
}  // namespace ks_test::registry
