// Imported libraries pasted into the group program (render/inline_imports.h): which are pasted,
// how the importing text changes, and that a render gives the same objects and the same errors
// with and without them.
#include <gtest/gtest.h>

#include <algorithm>

#include "app/app.h"
#include "base/error.h"
#include "ks_test.h"
#include "render/importer.h"
#include "render/inline_imports.h"
#include "render/render.h"

namespace {

namespace stdfs = std::filesystem;
using ks_test::write;

class InlineImports : public ::testing::Test {
 protected:
  void SetUp() override {
    lib = sb.root() / "lib";
    write(lib / "a.libsonnet",
          "local b = import \"b.libsonnet\";\n{ a: b.b + 1, j: import 'data.json', s: $.a }\n");
    write(lib / "b.libsonnet",
          "// the answer\n{ b: 41, __ksonnet:: { kubernetesVersion: '1.10.3' } }\n");
    write(lib / "internal.libsonnet", "{ __ks_s: 1 }\n");
    write(lib / "data.json", "{\"k\": [1, 2]}\n");
    write(lib / "str.libsonnet", "{ s: importstr \"b.libsonnet\" }\n");
    write(lib / "ext.libsonnet", "{ e: std.extVar(\"mode\") }\n");
    write(lib / "here.libsonnet", "{ f: std.thisFile }\n");
    write(lib / "uses_str.libsonnet", "(import \"str.libsonnet\") + { u: 1 }\n");
    write(lib / "c1.libsonnet", "{ x: (import \"c2.libsonnet\").y, z: 1 }\n");
    write(lib / "c2.libsonnet", "{ y: (import \"c1.libsonnet\").z }\n");
    write(lib / "err.libsonnet", "{\n  ok: 1,\n  boom: error \"library says no\",\n}\n");
  }
  ks::render::Importer importer() const {
    ks::render::ImportConfig cfg;
    cfg.search_path = {lib};
    return ks::render::Importer(cfg);
  }
  ks_test::Sandbox sb;
  stdfs::path lib;
};

bool has(const std::vector<std::string>& paths, const stdfs::path& p) {
  return std::find(paths.begin(), paths.end(), p.string()) != paths.end();
}

TEST_F(InlineImports, PastesMovableLibrariesAndKeepsEveryLine) {
  auto imp = importer();
  std::string component =
      "local a = import \"a.libsonnet\";\nlocal s = import   'uses_str.libsonnet';\n"
      "local c = import \"c1.libsonnet\";\nlocal e = import 'ext.libsonnet';\n"
      "local h = import\n  'here.libsonnet';\nlocal m = import 'missing.libsonnet';\n"
      "local i = import 'internal.libsonnet';\n"
      "{ v: a.a, t: importstr 'b.libsonnet' }\n";
  ks::render::ImportLog log;
  auto out =
      ks::render::inline_imports({component}, (sb.root() / "components").string(), imp, &log);
  ASSERT_EQ(out.texts.size(), 1u);
  const auto& paths = out.library_paths;
  EXPECT_TRUE(has(paths, lib / "a.libsonnet"));
  EXPECT_TRUE(has(paths, lib / "b.libsonnet"));
  EXPECT_TRUE(has(paths, lib / "data.json"));
  for (const char* kept : {"uses_str.libsonnet", "str.libsonnet", "c1.libsonnet", "c2.libsonnet",
                           "ext.libsonnet", "here.libsonnet", "internal.libsonnet"})
    EXPECT_FALSE(has(paths, lib / kept)) << kept;
  ASSERT_EQ(out.libraries.size(), 3u);
  // Dependencies first: b and data.json before a, whose imports name them.
  EXPECT_EQ(paths.back(), (lib / "a.libsonnet").string());
  EXPECT_NE(out.libraries.back().find("__ks_l"), std::string::npos) << out.libraries.back();
  EXPECT_EQ(out.libraries.back().find("import"), std::string::npos) << out.libraries.back();

  const std::string& text = out.texts[0];
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'),
            std::count(component.begin(), component.end(), '\n'));
  EXPECT_EQ(text.find("import \"a.libsonnet\""), std::string::npos) << text;
  EXPECT_NE(text.find("local a = __ks_l2 "), std::string::npos) << text;
  // Same line lengths, so every column after an import stays where it was.
  auto lengths = [](const std::string& s) {
    std::vector<size_t> out;
    for (size_t start = 0, nl = 0; (nl = s.find('\n', start)) != std::string::npos; start = nl + 1)
      out.push_back(nl - start);
    return out;
  };
  EXPECT_EQ(lengths(text), lengths(component)) << text;
  for (const char* kept :
       {"import   'uses_str.libsonnet'", "import \"c1.libsonnet\"", "import 'ext.libsonnet'",
        "import\n  'here.libsonnet'", "import 'missing.libsonnet'", "importstr 'b.libsonnet'"})
    EXPECT_NE(text.find(kept), std::string::npos) << kept << " in " << text;
  // The import callback's probes, for the render cache: a miss is recorded too.
  bool missing_probed = false;
  for (const auto& probe : log)
    if (probe.path == (lib / "missing.libsonnet").string() && probe.content == nullptr)
      missing_probed = true;
  EXPECT_TRUE(missing_probed);
}

TEST_F(InlineImports, ARenderGivesTheSameObjectsAndErrorsWithAndWithout) {
  ASSERT_EQ(sb.ks({"init", "app"}).code, 0);
  stdfs::path root = sb.root() / "app";
  for (const auto& entry : stdfs::directory_iterator(lib))
    stdfs::copy_file(entry.path(), root / "lib" / entry.path().filename());
  write(root / "components/uses.jsonnet",
        "local a = import \"a.libsonnet\";\nlocal u = import 'uses_str.libsonnet';\n"
        "local c = import \"c1.libsonnet\";\n"
        "{ apiVersion: \"v1\", kind: \"ConfigMap\", metadata: { name: \"uses\" },\n"
        "  data: { a: std.toString(a), u: std.toString(u), c: std.toString(c) } }\n");
  write(root / "components/other.jsonnet",
        "local b = import \"b.libsonnet\";\n"
        "[{ apiVersion: \"v1\", kind: \"Secret\", metadata: { name: \"other\" },\n"
        "  stringData: { b: std.toString(b.b), e: (import 'ext.libsonnet').e } }]\n");
  auto render = [&](bool inline_imports) {
    ks::render::Options o;
    o.inline_imports = inline_imports;
    o.ext_str["mode"] = "m1";
    return nlohmann::json(ks::render::render_env(ks::app::App::load(root), "default", o).objects)
        .dump();
  };
  std::string pasted = render(true);
  EXPECT_EQ(pasted, render(false));
  EXPECT_NE(pasted.find("\\\"a\\\": 42"), std::string::npos) << pasted;

  // An error inside a pasted library: the same message, positions in the user's files.
  write(root / "components/broken.jsonnet",
        "local e = import \"err.libsonnet\";\n"
        "{ apiVersion: \"v1\", kind: \"ConfigMap\", metadata: { name: \"broken\" },\n"
        "  data: { x: std.toString(e.boom) } }\n");
  auto error_of = [&](bool inline_imports) {
    try {
      render(inline_imports);
    } catch (const ks::Error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  std::string with = error_of(true);
  EXPECT_EQ(with, error_of(false));
  EXPECT_NE(with.find("library says no"), std::string::npos) << with;
  EXPECT_NE(with.find("err.libsonnet:3"), std::string::npos) << with;
}

}  // namespace
