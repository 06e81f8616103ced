// The render cache end to end: a warm render evaluates nothing, a param change re-evaluates one
// component, and (the differential test) after every step of a random edit sequence `ks show`'s
// cached output is byte-identical to `--no-cache` output.
#include <gtest/gtest.h>

#include <cstdlib>
#include <random>

#include <nlohmann/json.hpp>

#include "app/app.h"
#include "ks_test.h"
#include "render/render.h"

using ks_test::Sandbox;
using ks_test::write;

namespace {

namespace stdfs = std::filesystem;

std::string own_component(const std::string& name, int extra) {
  return "local p = std.extVar(\"__ksonnet/params\").components." + name + ";\n" +
         "local env = std.extVar(\"__ksonnet/environments\");\n" +
         "local shared = import \"shared.libsonnet\";\n" +
         "{ apiVersion: \"v1\", kind: \"ConfigMap\", metadata: { name: \"" + name +
         "\" },\n  data: { v: std.toString(p.v), label: shared.label(\"" + name +
         "\"), ns: env.namespace, server: env.server, extra: \"" + std::to_string(extra) +
         "\" } }\n";
}

class RenderCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(sb.ks({"init", "app"}).code, 0);
    root = sb.root() / "app";
    write(root / "lib/shared.libsonnet", "{ label(x):: \"lib-\" + x }\n");
  }
  ks_test::Run ks(const std::vector<std::string>& args) { return sb.ks(args, root); }
  ks::render::Options cached() const {
    ks::render::Options o;
    o.cache.enabled = true;
    o.cache.dir = (sb.root() / "cache").string();
    o.cache.tool_version = "test";
    return o;
  }
  Sandbox sb;
  stdfs::path root;
};

TEST_F(RenderCacheTest, AWarmRenderEvaluatesNothingAndAParamChangeOneComponent) {
  for (int i = 0; i < 5; ++i) {
    std::string name = "c" + std::to_string(i);
    write(root / "components" / (name + ".jsonnet"), own_component(name, i));
    ASSERT_EQ(ks({"param", "set", name, "v", std::to_string(i)}).code, 0);
  }
  auto render = [&] {
    return ks::render::render_env(ks::app::App::load(root), "default", cached());
  };
  auto cold = render();
  EXPECT_EQ(cold.cache.evaluated, 5);
  EXPECT_EQ(cold.cache.hits, 0);
  auto warm = render();
  EXPECT_EQ(warm.cache.hits, 5);
  EXPECT_EQ(warm.cache.evaluated, 0);
  EXPECT_EQ(warm.cache.component_vms, 0) << "a warm render created a JsonnetVm for components";
  EXPECT_EQ(nlohmann::json(warm.objects), nlohmann::json(cold.objects));

  ASSERT_EQ(ks({"param", "set", "c3", "v", "33"}).code, 0);
  auto after = render();
  EXPECT_EQ(after.cache.evaluated, 1);
  EXPECT_EQ(after.cache.hits, 4);
  EXPECT_EQ(after.cache.component_vms, 1);
  bool seen = false;
  for (const auto& o : after.objects)
    if (o["metadata"]["name"] == "c3") {
      EXPECT_EQ(o["data"]["v"], "33");
      seen = true;
    }
  EXPECT_TRUE(seen);

  // A library every component imports: all re-evaluated.
  write(root / "lib/shared.libsonnet", "{ label(x):: \"LIB-\" + x }\n");
  auto edited = render();
  EXPECT_EQ(edited.cache.evaluated, 5);
  EXPECT_EQ(edited.objects[0]["data"]["label"].get<std::string>().substr(0, 4), "LIB-");
}

// The generated app: components reading their own params, all params, another component through
// __ksonnet/components, an ext var, a library found on the -J path, a library in components/
// that shadows one in lib/ and a library reading __ksonnet/params.
struct DiffApp {
  stdfs::path root, ja, jb;
  int counter = 0;

  void write_all() {
    write(root / "lib/helper.libsonnet", "{ tag: \"lib-helper\" }\n");
    write(root / "components/helper.libsonnet", "{ tag: \"components-helper\" }\n");
    write(root / "lib/allparams.libsonnet",
          "local all = std.extVar(\"__ksonnet/params\").components;\n"
          "{ count: std.length(std.objectFields(all)), a0: std.toString(all.a0.v) }\n");
    write(ja / "extra.libsonnet", "{ where: \"ja\" }\n");
    for (int i = 0; i < 3; ++i) write_own(i);
    write(root / "components/whole.jsonnet",
          "local all = std.extVar(\"__ksonnet/params\").components;\n"
          "{ apiVersion: \"v1\", kind: \"ConfigMap\", metadata: { name: \"whole\" },\n"
          "  data: { sum: std.toString(std.foldl(function(acc, k) acc + (if std.objectHas(all[k], "
          "\"v\") then all[k].v else 0), std.objectFields(all), 0)) } }\n");
    write(root / "components/reader.jsonnet",
          "local comps = std.extVar(\"__ksonnet/components\");\n"
          "{ apiVersion: \"v1\", kind: \"ConfigMap\", metadata: { name: \"reader\" },\n"
          "  data: { a1: comps.a1.data.v, a1label: comps.a1.data.label } }\n");
    write(root / "components/ext.jsonnet",
          "local extra = import \"extra.libsonnet\";\n"
          "local helper = import \"helper.libsonnet\";\n"
          "local all = import \"allparams.libsonnet\";\n"
          "{ apiVersion: \"v1\", kind: \"ConfigMap\", metadata: { name: \"ext\" },\n"
          "  data: { mode: std.extVar(\"mode\"), where: extra.where, tag: helper.tag, "
          "count: std.toString(all.count), a0: all.a0 } }\n");
  }
  void write_own(int i) {
    std::string name = "a" + std::to_string(i);
    write(root / "components" / (name + ".jsonnet"), own_component(name, ++counter));
  }
};

TEST_F(RenderCacheTest, CachedOutputIsByteIdenticalToUncachedAfterEveryEdit) {
  unsigned seed = std::random_device{}();
  if (const char* s = std::getenv("KS_CACHE_DIFF_SEED"))
    seed = static_cast<unsigned>(std::atoll(s));
  SCOPED_TRACE("seed " + std::to_string(seed) +
               " (rerun with KS_CACHE_DIFF_SEED=" + std::to_string(seed) + ")");
  std::mt19937 rng(seed);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };

  DiffApp app{root, sb.root() / "ja", sb.root() / "jb"};
  app.write_all();
  ASSERT_EQ(ks({"env", "add", "prod", "--server", "https://prod:6443", "--namespace", "p0"}).code,
            0);
  for (int i = 0; i < 3; ++i)
    ASSERT_EQ(ks({"param", "set", "a" + std::to_string(i), "v", std::to_string(i)}).code, 0);
  std::string mode = "m0";

  const int steps = 50;
  for (int step = 0; step < steps; ++step) {
    std::string what;
    int a = pick(3);
    std::string comp = "a" + std::to_string(a);
    std::string value = std::to_string(pick(1000));
    switch (pick(10)) {
      case 0:
        what = "param set " + comp;
        ASSERT_EQ(ks({"param", "set", comp, "v", value}).code, 0);
        break;
      case 1:
        what = "env param set " + comp;
        ASSERT_EQ(ks({"param", "set", comp, "v", value, "--env", "prod"}).code, 0);
        break;
      case 2:
        what = "component body " + comp;
        app.write_own(a);
        break;
      case 3:
        what = "lib/shared.libsonnet";
        write(root / "lib/shared.libsonnet", "{ label(x):: \"lib" + value + "-\" + x }\n");
        break;
      case 4:
        if (stdfs::exists(root / "components/helper.libsonnet") && pick(2)) {
          what = "delete components/helper.libsonnet";
          stdfs::remove(root / "components/helper.libsonnet");
        } else {
          what = "write components/helper.libsonnet";
          write(root / "components/helper.libsonnet", "{ tag: \"components-" + value + "\" }\n");
        }
        break;
      case 5:
        what = "env namespace/server";
        ASSERT_EQ(ks({"env", "set", "prod", "--namespace", "p" + value}).code, 0);
        if (pick(2)) {
          ASSERT_EQ(ks({"env", "set", "prod", "--server", "https://s" + value + ":6443"}).code, 0);
        }
        break;
      case 6: {
        // -J ja -J jb: add or remove extra.libsonnet in either folder.
        stdfs::path dir = pick(2) ? app.ja : app.jb;
        if (stdfs::exists(dir / "extra.libsonnet") && pick(2)) {
          what = "delete " + dir.filename().string() + "/extra.libsonnet";
          stdfs::remove(dir / "extra.libsonnet");
          if (!stdfs::exists(app.ja / "extra.libsonnet") &&
              !stdfs::exists(app.jb / "extra.libsonnet"))
            write(app.ja / "extra.libsonnet", "{ where: \"ja-again\" }\n");
        } else {
          what = "write " + dir.filename().string() + "/extra.libsonnet";
          write(dir / "extra.libsonnet",
                "{ where: \"" + dir.filename().string() + "-" + value + "\" }\n");
        }
        break;
      }
      case 7:
        what = "ext var";
        mode = "m" + value;
        break;
      case 8:
        what = "lib/allparams.libsonnet";
        write(root / "lib/allparams.libsonnet",
              "local all = std.extVar(\"__ksonnet/params\").components;\n"
              "{ count: std.length(std.objectFields(all)) + " +
                  value + ", a0: std.toString(all.a0.v) }\n");
        break;
      default:
        what = "a new component";
        write(root / "components" / ("n" + value + ".jsonnet"),
              "{ apiVersion: \"v1\", kind: \"Secret\", metadata: { name: \"n" + value + "\" } }\n");
        break;
    }
    SCOPED_TRACE("step " + std::to_string(step) + ": " + what);
    // One env per step (both every tenth step): half the renders, the same coverage over a run.
    std::vector<std::string> envs = {"default", "prod"};
    if (step % 10 != 9) envs = {envs[static_cast<size_t>(pick(2))]};
    for (const std::string& env : envs) {
      std::vector<std::string> args = {
          "show",          env,  "-o",          "json", "-J", app.ja.string(), "-J",
          app.jb.string(), "-V", "mode=" + mode};
      if (pick(4) == 0) {
        args.push_back("-c");
        args.push_back(pick(2) ? "reader" : comp);
      }
      auto with_cache = ks(args);
      args.push_back("--no-cache");
      auto without = ks(args);
      ASSERT_EQ(with_cache.code, without.code) << env << "\n" << with_cache.err << without.err;
      ASSERT_EQ(with_cache.out, without.out) << env;
      ASSERT_EQ(with_cache.err, without.err) << env;
      ASSERT_EQ(without.code, 0) << without.err;
    }
  }
  // The cache was in use all along.
  EXPECT_TRUE(stdfs::exists(sb.home() / ".cache/ks/render"));
  auto info = ks({"cache", "info", "-o", "json"});
  ASSERT_EQ(info.code, 0) << info.err;
  EXPECT_GT(nlohmann::json::parse(info.out)["entries"].get<int>(), 0);
  auto cleared = ks({"cache", "clear"});
  ASSERT_EQ(cleared.code, 0) << cleared.err;
  EXPECT_EQ(nlohmann::json::parse(ks({"cache", "info", "-o", "json"}).out)["entries"], 0);
}

// `ks param set --env` overrides and env globals are computed without a jsonnet evaluation
// (render/stock.h); the output must be what evaluating params.libsonnet gives.
TEST_F(RenderCacheTest, EnvParamOverridesAreReadAsDataLikeJsonnetComputesThem) {
  for (int i = 0; i < 3; ++i) {
    std::string name = "c" + std::to_string(i);
    write(root / "components" / (name + ".jsonnet"), own_component(name, i));
    ASSERT_EQ(ks({"param", "set", name, "v", std::to_string(i)}).code, 0);
  }
  write(root / "components/dump.jsonnet",
        "{ apiVersion: \"v1\", kind: \"ConfigMap\", metadata: { name: \"dump\" },\n"
        "  data: { all: std.manifestJsonEx(std.extVar(\"__ksonnet/params\").components, \" \") } "
        "}\n");
  ASSERT_EQ(ks({"env", "add", "prod", "--server", "https://prod:6443"}).code, 0);
  ASSERT_EQ(ks({"param", "set", "c1", "v", "11", "--env", "prod"}).code, 0);
  ASSERT_EQ(ks({"param", "set", "c2", "v", "two words", "--env", "prod"}).code, 0);
  ASSERT_EQ(ks({"param", "set", "c2", "w", "1e16", "--env", "prod"}).code, 0);
  write(root / "environments/prod/globals.libsonnet", "{ team: \"core\", v: 7 }\n");

  ks::render::Options uncached;
  auto direct = ks::render::render_env(ks::app::App::load(root), "prod", uncached);
  EXPECT_EQ(direct.cache.params_vms, 0) << "the env's params were evaluated";

  std::vector<std::string> show = {"show", "prod", "-o", "json", "-v", "--no-cache"};
  auto as_data = ks(show);
  ASSERT_EQ(as_data.code, 0) << as_data.err;
  EXPECT_NE(as_data.err.find("rendered env 'prod' in "), std::string::npos) << as_data.err;
  EXPECT_NE(as_data.err.find("4 jsonnet components"), std::string::npos) << as_data.err;
  EXPECT_NE(as_data.err.find("env params read as data"), std::string::npos) << as_data.err;
  EXPECT_NE(as_data.out.find("\\\"team\\\": \\\"core\\\""), std::string::npos) << as_data.out;

  // The same file, one import parenthesised: no longer the scaffold's shape, so jsonnet runs it.
  stdfs::path params = root / "environments/prod/params.libsonnet";
  std::string text = ks_test::read(params);
  std::string from = "import \"globals.libsonnet\"", to = "(import \"globals.libsonnet\")";
  if (text.find(from) == std::string::npos) {
    from = "import 'globals.libsonnet'";
    to = "(import 'globals.libsonnet')";
  }
  ASSERT_NE(text.find(from), std::string::npos) << text;
  write(params, text.replace(text.find(from), from.size(), to));
  auto evaluated = ks(show);
  ASSERT_EQ(evaluated.code, 0) << evaluated.err;
  EXPECT_NE(evaluated.err.find("env params evaluated"), std::string::npos) << evaluated.err;
  EXPECT_EQ(as_data.out, evaluated.out);
  EXPECT_EQ(ks::render::render_env(ks::app::App::load(root), "prod", uncached).cache.params_vms, 1);
}

TEST_F(RenderCacheTest, NoCacheAndKsNoCacheWriteNothing) {
  write(root / "components/c.jsonnet", own_component("c", 1));
  ASSERT_EQ(ks({"param", "set", "c", "v", "1"}).code, 0);
  ASSERT_EQ(ks({"show", "default", "--no-cache"}).code, 0);
  ASSERT_EQ(sb.ks({"show", "default"}, root, {{"KS_NO_CACHE", "1"}}).code, 0);
  EXPECT_FALSE(stdfs::exists(sb.home() / ".cache/ks/render"));
  ASSERT_EQ(ks({"show", "default"}).code, 0);
  EXPECT_TRUE(stdfs::exists(sb.home() / ".cache/ks/render"));
}

}  // namespace
