// The Flux-style CI recipe of docs/gitops.md, run exactly as documented (the test reads the
// script from the doc): render ENV to rendered/ENV.yaml, then `ks diff` says whether the cluster
// already matches (exit 0), differs (1), or something failed (2, the previous render kept).
#include <gtest/gtest.h>

#include "base/process.h"
#include "base/strings.h"
#include "ks_test.h"
#include "server_fixture.h"

namespace {

namespace stdfs = std::filesystem;

std::string documented_recipe() {
  std::string doc = ks_test::read(ks_test::source_path("docs/gitops.md"));
  auto marker = doc.find("<!-- ci-recipe: tested by tests/e2e/ci_recipe_test.cpp -->");
  EXPECT_NE(marker, std::string::npos) << "docs/gitops.md lost its ci-recipe block";
  auto start = doc.find("```sh\n", marker);
  auto end = doc.find("\n```", start + 6);
  return doc.substr(start + 6, end - start - 6 + 1);
}

struct CiJob {
  ks_test::TestApiServer srv;
  ks_test::Sandbox sb;
  stdfs::path app = sb.root() / "shop";
  std::map<std::string, std::string> env{{"KUBECONFIG", srv.kubeconfig()}};

  CiJob() {
    EXPECT_EQ(sb.ks({"init", "shop"}, sb.root(), env).code, 0);
    ks_test::write(app / "components" / "web.yaml",
                   "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata:\n  a: \"1\"\n");
    ks_test::write(sb.root() / "ci-render", documented_recipe());
  }

  ks_test::Run run_recipe() const {
    ks::process::Options options;
    options.cwd = app.string();
    options.env_set = env;
    options.env_set["HOME"] = sb.home().string();
    options.env_set["PATH"] =
        stdfs::path(KS_BINARY).parent_path().string() + ":" + std::string(::getenv("PATH"));
    options.timeout = std::chrono::milliseconds(120000);
    auto r = ks::process::run({"sh", (sb.root() / "ci-render").string(), "default"}, options);
    return {r.exit_code, r.out, r.err};
  }
};

TEST(CiRecipe, RendersThenReportsDriftInSyncAndFailure) {
  CiJob job;
  auto drift = job.run_recipe();  // nothing applied yet: the cluster differs
  EXPECT_EQ(drift.code, 1) << drift.out << drift.err;
  std::string rendered = ks_test::read(job.app / "rendered" / "default.yaml");
  EXPECT_NE(rendered.find("kind: ConfigMap"), std::string::npos) << rendered;
  EXPECT_NE(drift.out.find("cluster differs"), std::string::npos) << drift.out;

  ASSERT_EQ(job.sb.ks({"apply", "default"}, job.app, job.env).code, 0);
  auto in_sync = job.run_recipe();
  EXPECT_EQ(in_sync.code, 0) << in_sync.out << in_sync.err;
  EXPECT_NE(in_sync.out.find("cluster matches rendered/default.yaml"), std::string::npos)
      << in_sync.out;

  ks_test::write(job.app / "components" / "broken.jsonnet", "{ a: }\n");
  auto failed = job.run_recipe();
  EXPECT_EQ(failed.code, 2) << failed.out << failed.err;
  EXPECT_NE(failed.err.find("broken.jsonnet"), std::string::npos) << failed.err;
  // The last good render is kept, and no temp file is left behind.
  EXPECT_EQ(ks_test::read(job.app / "rendered" / "default.yaml"), rendered);
  EXPECT_FALSE(stdfs::exists(job.app / "rendered" / "default.yaml.tmp"));
}

}  // namespace
