#include <gtest/gtest.h>

#include "base/error.h"
#include "base/fs.h"
#include "ks_test.h"
#include "registry/formats.h"

namespace ks::registry {
namespace {

std::string error_of(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

TEST(RegistryFile, Versions) {
  auto f = parse_registry_file(
      "apiVersion: 0.2.0\nkind: ksonnet.io/registry\nversion: abc\nlibraries:\n  apache: {path: "
      "apache, version: master}\n",
      "r.yaml");
  EXPECT_EQ(f.version, "abc");
  EXPECT_EQ(f.libraries.at("apache").path, "apache");
  EXPECT_EQ(f.libraries.at("apache").version, "master");
  auto old = parse_registry_file(
      "apiVersion: 0.1.0\nkind: ksonnet.io/registry\ngitVersion:\n  refSpec: master\n  commitSha: "
      "123\nlibraries:\n  x:\n    path: pkgs/x\n",
      "r.yaml");
  EXPECT_EQ(old.version, "123");
  EXPECT_EQ(old.libraries.at("x").path, "pkgs/x");
  auto numeric =
      parse_registry_file("apiVersion: 0.1\nkind: ksonnet.io/registry\nlibraries: {}\n", "r.yaml");
  EXPECT_EQ(numeric.api_version, "0.1");
  auto kubeflow = parse_registry_file(
      fs::read_file(ks_test::source_path("registry/kubeflow/registry.yaml")), "registry.yaml");
  EXPECT_EQ(kubeflow.libraries.size(), 3u);
}

TEST(RegistryFile, ErrorsNameFileAndField) {
  EXPECT_EQ(error_of([] {
              parse_registry_file("apiVersion: 0.2.0\nkind: other\n", "reg/registry.yaml");
            }),
            "reg/registry.yaml: field 'kind' must be 'ksonnet.io/registry', got 'other'");
  EXPECT_NE(error_of([] {
              parse_registry_file("apiVersion: 9.9\nkind: ksonnet.io/registry\n", "r.yaml");
            }).find("field 'apiVersion'"),
            std::string::npos);
  std::string dots = error_of([] {
    parse_registry_file(
        "apiVersion: 0.2.0\nkind: ksonnet.io/registry\nlibraries:\n  evil: {path: ../outside}\n",
        "r.yaml");
  });
  EXPECT_NE(dots.find("r.yaml: field 'libraries.evil.path'"), std::string::npos) << dots;
  EXPECT_NE(dots.find("'..'"), std::string::npos) << dots;
  std::string abs = error_of([] {
    parse_registry_file(
        "apiVersion: 0.2.0\nkind: ksonnet.io/registry\nlibraries:\n  evil: {path: /etc}\n",
        "r.yaml");
  });
  EXPECT_NE(abs.find("is absolute"), std::string::npos) << abs;
  std::string malformed =
      error_of([] { parse_registry_file("libraries: [unclosed\n", "bad/registry.yaml"); });
  EXPECT_NE(malformed.find("bad/registry.yaml"), std::string::npos) << malformed;
  std::string no_path = error_of([] {
    parse_registry_file(
        "apiVersion: 0.2.0\nkind: ksonnet.io/registry\nlibraries:\n  x: {version: master}\n",
        "r.yaml");
  });
  EXPECT_NE(no_path.find("'libraries.x.path' is missing"), std::string::npos) << no_path;
}

TEST(PartsFile, OldAndNewFields) {
  auto old = parse_parts_file(R"(name: apache
apiVersion: 0.0.1
kind: ksonnet.io/parts
description: >
  Apache server.
author: ksonnet team <ksonnet-help@heptio.com>
contributors:
- name: Tehut Getahun
  email: tehut@heptio.com
repository:
  type: git
  url: https://github.com/ksonnet/mixins
bugs:
  url: https://github.com/ksonnet/mixins/issues
keywords:
- apache
- server
quickStart:
  prototype: io.ksonnet.pkg.apache-simple
  componentName: apache
  flags:
    name: apache
    namespace: default
  comment: Run a simple Apache server
license: Apache 2.0
)",
                              "apache/parts.yaml");
  EXPECT_EQ(old.name, "apache");
  EXPECT_EQ(old.contributors.at(0).email, "tehut@heptio.com");
  EXPECT_EQ(old.repository, "https://github.com/ksonnet/mixins");
  EXPECT_EQ(old.bugs, "https://github.com/ksonnet/mixins/issues");
  EXPECT_EQ(old.keywords.size(), 2u);
  EXPECT_EQ(old.quick_start["componentName"], "apache");
  auto flat = parse_parts_file(
      "name: x\nkind: ksonnet.io/parts\nrepository: https://r\nbugs: https://b\ncontributors: "
      "[someone]\nprototypes: [io.ksonnet.pkg.x]\nversion: 1.0\n",
      "x/parts.yaml");
  EXPECT_EQ(flat.repository, "https://r");
  EXPECT_EQ(flat.contributors.at(0).name, "someone");
  EXPECT_EQ(flat.prototypes.at(0), "io.ksonnet.pkg.x");
  EXPECT_EQ(flat.version, "1.0");
  for (const char* pkg : {"core", "tf-job", "tf-serving"}) {
    std::string path =
        ks_test::source_path(std::string("registry/kubeflow/") + pkg + "/parts.yaml");
    EXPECT_EQ(parse_parts_file(fs::read_file(path), path).name, pkg);
  }
}

TEST(PartsFile, Errors) {
  EXPECT_NE(error_of([] {
              parse_parts_file("kind: ksonnet.io/parts\n", "p/parts.yaml");
            }).find("p/parts.yaml: field 'name' is missing"),
            std::string::npos);
  EXPECT_NE(error_of([] {
              parse_parts_file("name: x\nkind: ksonnet.io/parts\nkeywords: a\n", "p/parts.yaml");
            }).find("field 'keywords' must be a list"),
            std::string::npos);
  EXPECT_NE(error_of([] {
              parse_parts_file("name: x\nkind: ksonnet.io/parts\nquickStart: {flags: [1]}\n",
                               "p/parts.yaml");
            }).find("'quickStart.flags'"),
            std::string::npos);
}

}  // namespace
}  // namespace ks::registry
