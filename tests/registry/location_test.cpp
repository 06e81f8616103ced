#include <gtest/gtest.h>

#include "base/error.h"
#include "registry/location.h"

namespace ks::registry {
namespace {

TEST(Location, Forms) {
  auto fs1 = parse_location("/srv/registry");
  EXPECT_EQ(fs1.protocol, "fs");
  EXPECT_EQ(fs1.path, "/srv/registry");
  EXPECT_EQ(parse_location("./reg").protocol, "fs");
  EXPECT_EQ(parse_location("registry/kubeflow").protocol, "fs");

  auto gh = parse_location("github.com/ksonnet/parts/tree/master/incubator");
  EXPECT_EQ(gh.protocol, "github");
  EXPECT_EQ(gh.url, "https://github.com/ksonnet/parts.git");
  EXPECT_EQ(gh.ref, "master");
  EXPECT_EQ(gh.subdir, "incubator");
  auto gh2 = parse_location("https://github.com/kubeflow/kubeflow");
  EXPECT_EQ(gh2.url, "https://github.com/kubeflow/kubeflow.git");
  EXPECT_EQ(gh2.ref, "");
  auto blob = parse_location("github.com/o/r/blob/v1/a/b/registry.yaml");
  EXPECT_EQ(blob.ref, "v1");
  EXPECT_EQ(blob.subdir, "a/b");

  auto file = parse_location("file:///srv/kubeflow/tree/master/kubeflow");
  EXPECT_EQ(file.protocol, "git");
  EXPECT_EQ(file.url, "file:///srv/kubeflow");
  EXPECT_EQ(file.ref, "master");
  EXPECT_EQ(file.subdir, "kubeflow");
  auto https = parse_location("https://git.example.com/team/reg.git/tree/v2/deep/path/");
  EXPECT_EQ(https.url, "https://git.example.com/team/reg.git");
  EXPECT_EQ(https.ref, "v2");
  EXPECT_EQ(https.subdir, "deep/path");
  EXPECT_EQ(parse_location("ssh://git@host/reg.git").protocol, "git");
  EXPECT_EQ(parse_location("git@host:team/reg.git").protocol, "git");
  EXPECT_EQ(parse_location("git://127.0.0.1/reg").url, "git://127.0.0.1/reg");

  // Recorded protocols win over detection.
  EXPECT_EQ(parse_location("file:///x", "fs").path, "/x");
  EXPECT_THROW(parse_location("https://charts.example.com", "helm"), Error);
  EXPECT_THROW(parse_location("ftp://example.com/reg"), Error);
  EXPECT_THROW(parse_location("file:///r/tree/"), Error);
}

}  // namespace
}  // namespace ks::registry
