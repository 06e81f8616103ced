// Every ksonnet 0.13 flag of init, env add/set, registry add, pkg install, generate/prototype
// use, param set/list/diff, show, apply, diff, delete, validate, component list/rm and upgrade
// (docs/cli-reference of ksonnet/ksonnet@04138b99): accepted with ksonnet's meaning, accepted as
// a no-op, or refused with a message naming what to use instead. One test per row of the table
// in docs/ksonnet-compatibility.md.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "ks_test.h"

using ks_test::read;
using ks_test::Sandbox;
using ks_test::write;

namespace {

namespace stdfs = std::filesystem;

enum class Kind { Same, NoOp, Refused };

struct Row {
  std::vector<std::string> command;  // e.g. {"env", "add", "e2"}
  std::vector<std::string> flag;     // e.g. {"--token", "abc"}
  Kind kind;
  std::string instead;  // Refused: a phrase of the message saying what to use instead
};

void PrintTo(const Row& r, std::ostream* os) {
  for (const auto& w : r.command) *os << w << " ";
  for (const auto& w : r.flag) *os << w << " ";
}

// A gtest name: the command's words and the flag, alphanumerics only ("env_add_e2_apispec").
std::string name_of(const Row& r) {
  std::string s;
  auto append = [&](const std::string& word) {
    std::string w;
    for (char ch : word)
      if (std::isalnum(static_cast<unsigned char>(ch))) w += ch;
    if (!w.empty()) s += (s.empty() ? "" : "_") + w;
  };
  for (const auto& w : r.command) append(w);
  append(r.flag[0]);
  return s;
}

std::vector<Row> rows() {
  std::vector<Row> out;
  auto add = [&](std::vector<std::string> cmd, std::vector<std::string> flag, Kind k,
                 std::string instead = "") {
    out.push_back({cmd, flag, k, instead});
  };
  const std::string creds = "kubeconfig user";
  // kubectl's connection flags, on every command that had them.
  struct Conn {
    std::vector<std::string> flag;
    std::string instead;
  };
  const std::vector<Conn> connection = {
      {{"--cluster", "c1"}, "--context"},
      {{"--user", "u1"}, "--context"},
      {{"--token", "t"}, creds},
      {{"--username", "u"}, creds},
      {{"--password", "p"}, creds},
      {{"--as", "someone"}, creds},
      {{"--as-group", "g"}, creds},
      {{"--certificate-authority", "/ca.crt"}, "certificate-authority"},
      {{"--client-certificate", "/c.crt"}, creds},
      {{"--client-key", "/c.key"}, creds},
      {{"--insecure-skip-tls-verify"}, "insecure-skip-tls-verify: true"},
      {{"--request-timeout", "5s"}, "retries each request"},
  };
  for (const auto& cmd : std::vector<std::vector<std::string>>{{"init", "new"},
                                                               {"env", "add", "e2"},
                                                               {"apply", "default"},
                                                               {"diff", "default"},
                                                               {"delete", "default"},
                                                               {"validate", "default"}}) {
    for (const auto& c : connection) add(cmd, c.flag, Kind::Refused, c.instead);
    add(cmd, {"--kubeconfig", "kc"}, Kind::Same);
    bool binds = cmd[0] == "init" || cmd[0] == "env";
    add(cmd, {"--context", "ctx"}, binds ? Kind::Same : Kind::Refused, "ks env set ENV --context");
    add(cmd, {"--server", "https://10.0.0.1:6443"}, binds ? Kind::Same : Kind::Refused,
        "ks env set ENV --server");
    add(cmd, {"-n", "ns1"}, binds ? Kind::Same : Kind::Refused, "ks env set ENV --namespace");
    add(cmd, {"--namespace", "ns1"}, binds ? Kind::Same : Kind::Refused,
        "ks env set ENV --namespace");
  }
  // Global flags (ksonnet: on every command).
  add({"show", "default"}, {"--dir", "."}, Kind::Same);
  add({"show", "default"}, {"-v"}, Kind::Same);
  add({"show", "default"}, {"--verbose"}, Kind::Same);
  add({"show", "default"}, {"--tls-skip-verify"}, Kind::Refused, "insecure-skip-tls-verify");
  // init
  add({"init", "new"}, {"--env", "prod"}, Kind::Same);
  add({"init", "new"}, {"--skip-default-registries"}, Kind::NoOp);
  add({"init", "new"}, {"--api-spec", "file:spec.json"}, Kind::Same);
  // env add / env set
  add({"env", "add", "e2"}, {"--api-spec", "file:spec.json"}, Kind::Same);
  add({"env", "add", "e2"}, {"-o"}, Kind::Refused, "app.override.yaml");
  add({"env", "add", "e2"}, {"--override"}, Kind::Refused, "app.override.yaml");
  add({"env", "set", "default"}, {"--api-spec", "file:spec.json"}, Kind::Same);
  add({"env", "set", "default"}, {"--name", "default2"}, Kind::Same);
  add({"env", "set", "default"}, {"--namespace", "ns2"}, Kind::Same);
  add({"env", "set", "default"}, {"--server", "https://10.0.0.2:6443"}, Kind::Same);
  add({"env", "set", "default"}, {"-o", "--namespace", "x"}, Kind::Refused, "app.override.yaml");
  add({"env", "set", "default"}, {"--override", "--namespace", "x"}, Kind::Refused,
      "app.override.yaml");
  // registry add
  add({"registry", "add", "r", "./reg"}, {"-o"}, Kind::Same);
  add({"registry", "add", "r", "./reg"}, {"--override"}, Kind::Same);
  // pkg install
  add({"pkg", "install", "r/p"}, {"--name", "p2"}, Kind::Same);
  add({"pkg", "install", "r/p"}, {"--force"}, Kind::NoOp);
  add({"pkg", "install", "r/p"}, {"--env", "default"}, Kind::Refused, "install without --env");
  // generate / prototype use (ksonnet: per-prototype --PARAM flags, --values-file, --module)
  for (auto cmd : std::vector<std::vector<std::string>>{{"generate", "configMap", "cm"},
                                                        {"prototype", "use", "configMap", "cm"}}) {
    add(cmd, {"--name", "cm1"}, Kind::Same);
    add(cmd, {"--values-file", "values.jsonnet"}, Kind::Same);
    add(cmd, {"--module", "/"}, Kind::Same);
  }
  // param set / list / diff
  add({"param", "set", "c", "k", "v"}, {"--env", "default"}, Kind::Same);
  add({"param", "set", "c", "k", "v"}, {"--as-string"}, Kind::Same);
  add({"param", "set", "c", "k", "v"}, {"--resolve-image"}, Kind::Refused, "IMAGE@sha256");
  add({"param", "list"}, {"--env", "default"}, Kind::Same);
  add({"param", "list"}, {"--module", "/"}, Kind::Same);
  add({"param", "list"}, {"-o", "json"}, Kind::Same);
  add({"param", "list"}, {"--output", "json"}, Kind::Same);
  add({"param", "list"}, {"--without-modules"}, Kind::Refused, "--module");
  add({"param", "diff", "default", "default"}, {"--component", "c"}, Kind::Same);
  add({"param", "diff", "default", "default"}, {"-o", "json"}, Kind::Same);
  // show, apply, diff, delete, validate: ksonnet's jsonnet flags
  for (auto cmd : std::vector<std::vector<std::string>>{{"show", "default"},
                                                        {"apply", "default"},
                                                        {"diff", "default"},
                                                        {"delete", "default"},
                                                        {"validate", "default"}}) {
    add(cmd, {"-c", "c"}, Kind::Same);
    add(cmd, {"--component", "c"}, Kind::Same);
    add(cmd, {"-J", "lib"}, Kind::Same);
    add(cmd, {"--jpath", "lib"}, Kind::Same);
    add(cmd, {"-V", "k=v"}, Kind::Same);
    add(cmd, {"--ext-str", "k=v"}, Kind::Same);
    add(cmd, {"--ext-str-file", "k=values.jsonnet"}, Kind::Same);
    add(cmd, {"-A", "k=v"}, Kind::Same);
    add(cmd, {"--tla-str", "k=v"}, Kind::Same);
    add(cmd, {"--tla-str-file", "k=values.jsonnet"}, Kind::Same);
  }
  add({"show", "default"}, {"-o", "json"}, Kind::Same);
  add({"show", "default"}, {"--format", "json"}, Kind::Same);
  add({"apply", "default"}, {"--dry-run"}, Kind::Same);
  add({"apply", "default"}, {"--create"}, Kind::NoOp);
  add({"apply", "default"}, {"--create=true"}, Kind::NoOp);
  add({"apply", "default"}, {"--create=false"}, Kind::Refused, "ks diff");
  add({"apply", "default"}, {"--skip-gc"}, Kind::NoOp);
  add({"apply", "default"}, {"--gc-tag", "t"}, Kind::Refused, "--prune");
  add({"delete", "default"}, {"--grace-period", "5"}, Kind::Same);
  // component list / rm, upgrade
  add({"component", "list"}, {"--module", "/"}, Kind::Same);
  add({"component", "list"}, {"-o", "json"}, Kind::Same);
  add({"component", "list"}, {"--output", "json"}, Kind::Same);
  add({"component", "rm", "c"}, {"-v"}, Kind::Same);
  add({"upgrade"}, {"--dry-run"}, Kind::Same);
  return out;
}

const char* kSpec = R"({"swagger": "2.0", "info": {"title": "Kubernetes", "version": "v1.99.0"},
 "definitions": {
  "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta": {"properties": {
     "labels": {"type": "object", "additionalProperties": {"type": "string"}}, "name": {"type": "string"}}},
  "io.k8s.api.core.v1.ConfigMap": {"properties": {"apiVersion": {"type": "string"}, "kind": {"type": "string"},
       "metadata": {"$ref": "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"},
       "data": {"type": "object", "additionalProperties": {"type": "string"}}},
     "x-kubernetes-group-version-kind": [{"group": "", "kind": "ConfigMap", "version": "v1"}]}
 }})";

class KsonnetFlag : public ::testing::TestWithParam<Row> {
 protected:
  void SetUp() override {
    ASSERT_EQ(sb.ks({"init", "app"}).code, 0);
    root = sb.root() / "app";
    write(root / "spec.json", kSpec);
    write(root / "values.jsonnet", "{}\n");
    write(root / "components/c.jsonnet",
          "{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }\n");
    write(root / "reg/registry.yaml", "apiVersion: 0.2.0\nkind: ksonnet.io/registry\n");
  }
  Sandbox sb;
  stdfs::path root;
};

TEST_P(KsonnetFlag, HasItsDocumentedOutcome) {
  const Row& row = GetParam();
  std::vector<std::string> args = row.command;
  args.insert(args.end(), row.flag.begin(), row.flag.end());
  auto r = sb.ks(args, root);
  std::string flag = row.flag[0].substr(0, row.flag[0].find('='));
  if (row.kind == Kind::Refused) {
    EXPECT_NE(r.code, 0) << r.err;
    EXPECT_NE(r.err.find("is not supported by ks: "), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(row.instead), std::string::npos) << r.err;
    return;
  }
  // Accepted: the flag parses (whatever the command then does without a cluster).
  EXPECT_EQ(r.err.find("not expected"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("is not supported by ks"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("run with --help"), std::string::npos) << r.err;
}

INSTANTIATE_TEST_SUITE_P(Ksonnet013, KsonnetFlag, ::testing::ValuesIn(rows()),
                         [](const auto& info) {
                           return name_of(info.param) + "_" + std::to_string(info.index);
                         });

// --- flags whose meaning needs more than parsing ---

TEST(KsonnetFlags, SkipDefaultRegistriesIsANoOp) {
  Sandbox sb;
  auto r = sb.ks({"init", "app", "--skip-default-registries"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(read(sb.root() / "app/app.yaml").find("registries"), std::string::npos);
}

// ksonnet: --api-spec file:SWAGGER generates lib/ksonnet-lib/VERSION and pins the env.
TEST(KsonnetFlags, InitApiSpecFileGeneratesTheFullLibraryAndPinsTheEnv) {
  Sandbox sb;
  write(sb.root() / "swagger.json", kSpec);
  auto r = sb.ks({"init", "app", "--api-spec", "file:" + (sb.root() / "swagger.json").string()});
  ASSERT_EQ(r.code, 0) << r.err;
  stdfs::path app = sb.root() / "app";
  EXPECT_TRUE(stdfs::is_regular_file(app / "lib/ksonnet-lib/v1.99.0/k.libsonnet"));
  EXPECT_NE(read(app / "app.yaml").find("k8sVersion: v1.99.0"), std::string::npos)
      << read(app / "app.yaml");
  write(app / "components/cm.jsonnet",
        "local k = import 'k.libsonnet';\nlocal cm = k.core.v1.configMap;\n"
        "cm.new('cm', { a: 'b' }) + cm.mixin.metadata.withLabels({ x: 'y' })\n");
  auto show = sb.ks({"show", "default", "-o", "json"}, app);
  ASSERT_EQ(show.code, 0) << show.err;
  auto obj = nlohmann::json::parse(show.out)["items"][0];
  EXPECT_EQ(obj["data"]["a"], "b");
  EXPECT_EQ(obj["metadata"]["labels"]["x"], "y");
}

TEST(KsonnetFlags, EnvAddAndSetApiSpecFileAndVersion) {
  Sandbox sb;
  ASSERT_EQ(sb.ks({"init", "app"}).code, 0);
  stdfs::path app = sb.root() / "app";
  write(sb.root() / "swagger.json", kSpec);
  auto add = sb.ks(
      {"env", "add", "e2", "--api-spec", "file:" + (sb.root() / "swagger.json").string()}, app);
  ASSERT_EQ(add.code, 0) << add.err;
  EXPECT_TRUE(stdfs::is_regular_file(app / "lib/ksonnet-lib/v1.99.0/k.libsonnet"));
  auto describe = sb.ks({"env", "describe", "e2", "-o", "json"}, app);
  EXPECT_NE(describe.out.find("v1.99.0"), std::string::npos) << describe.out;
  // version: of a library the app has, and of a spec the cache has (filled by file: above).
  ASSERT_EQ(sb.ks({"env", "set", "default", "--api-spec", "version:v1.99.0"}, app).code, 0);
  EXPECT_NE(sb.ks({"env", "describe", "default", "-o", "json"}, app).out.find("v1.99.0"),
            std::string::npos);
  auto fresh = sb.ks({"init", "other", "--api-spec", "version:v1.99.0"});
  ASSERT_EQ(fresh.code, 0) << fresh.err;
  EXPECT_TRUE(stdfs::is_regular_file(sb.root() / "other/lib/ksonnet-lib/v1.99.0/k.libsonnet"));
}

// Kubeflow's installer: init with --api-spec, remove the default env, add envs later.
TEST(KsonnetFlags, EnvAddedAfterInitApiSpecUsesTheGeneratedLibrary) {
  Sandbox sb;
  write(sb.root() / "swagger.json", kSpec);
  ASSERT_EQ(sb.ks({"init", "app", "--skip-default-registries", "--api-spec",
                   "file:" + (sb.root() / "swagger.json").string()})
                .code,
            0);
  stdfs::path app = sb.root() / "app";
  ASSERT_EQ(sb.ks({"env", "rm", "default"}, app).code, 0);
  auto add = sb.ks({"env", "add", "default", "--namespace", "kubeflow"}, app);
  ASSERT_EQ(add.code, 0) << add.err;
  EXPECT_NE(read(app / "app.yaml").find("k8sVersion: v1.99.0"), std::string::npos)
      << read(app / "app.yaml");
}

TEST(KsonnetFlags, ApiSpecVersionNotCachedFailsSayingWhatToPass) {
  Sandbox sb;
  auto r = sb.ks({"init", "app", "--api-spec", "version:v1.10.3"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("file:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("downloads nothing"), std::string::npos) << r.err;
  EXPECT_FALSE(stdfs::exists(sb.root() / "app"));
  ASSERT_EQ(sb.ks({"init", "app"}).code, 0);
  auto before = ks_test::snapshot(sb.root() / "app");
  auto add = sb.ks({"env", "add", "e2", "--api-spec", "version:v1.10.3"}, sb.root() / "app");
  EXPECT_EQ(add.code, 1);
  EXPECT_EQ(ks_test::snapshot(sb.root() / "app"), before);  // nothing written
}

}  // namespace
