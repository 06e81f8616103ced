#include <gtest/gtest.h>

#include "base/error.h"
#include "base/fs.h"
#include "ks_test.h"
#include "prototypes/catalog.h"
#include "prototypes/prototype.h"

namespace ks::prototypes {
namespace {

// ksonnet's embedded deployed-service prototype header (pkg/prototype/system).
const char* kKsonnetDeployedService = R"(// @apiVersion 0.1
// @name io.ksonnet.pkg.deployed-service
// @description A service that exposes 'servicePort', and directs traffic to 'targetLabelSelector', at 'targetPort'.
// @shortDescription A deployment exposed with a service
// @param name string Name of the service and deployment resources
// @param image string Container image to deploy
// @optionalParam servicePort number 80 Port for the service to expose.
// @optionalParam containerPort number 80 Container port for service to target.
// @optionalParam replicas number 1 Number of replicas
// @optionalParam type string ClusterIP Type of service to expose
[
   {
      "apiVersion": "v1",
      "metadata": { "name": import 'param://name' }
   }
]
)";

TEST(Header, ParsesKsonnetSystemPrototype) {
  Prototype p = parse_prototype(kKsonnetDeployedService, "deployed-service.jsonnet");
  EXPECT_EQ(p.api_version, "0.1");
  EXPECT_EQ(p.name, "io.ksonnet.pkg.deployed-service");
  EXPECT_EQ(p.short_description, "A deployment exposed with a service");
  ASSERT_EQ(p.params.size(), 6u);
  EXPECT_EQ(p.params[0].name, "name");
  EXPECT_TRUE(p.params[0].required());
  EXPECT_EQ(p.params[1].description, "Container image to deploy");
  EXPECT_EQ(p.params[2].name, "servicePort");
  EXPECT_EQ(p.params[2].type, ParamType::Number);
  EXPECT_EQ(*p.params[2].default_text, "80");
  EXPECT_EQ(p.params[2].description, "Port for the service to expose.");
  EXPECT_EQ(p.params[5].type, ParamType::String);
  EXPECT_EQ(*p.params[5].default_text, "ClusterIP");
  EXPECT_EQ(p.body.substr(0, 6), "[\n   {");
  EXPECT_EQ(p.body.find("@param"), std::string::npos);
}

TEST(Header, MultiLineDescriptionAndOtherComments) {
  Prototype p = parse_prototype(
      "// @name x.y\n// @description first line\n//   second line\n// @shortDescription "
      "short\n{\n// a plain comment\n}\n",
      "p.jsonnet");
  EXPECT_EQ(p.description, "first line\nsecond line");
  EXPECT_EQ(p.short_description, "short");
  EXPECT_EQ(p.body, "{\n// a plain comment\n}\n");
  // As in ksonnet, a comment line right after a directive continues it.
  EXPECT_EQ(
      parse_prototype("// @name a\n// @shortDescription s\n// more\n{}", "p").short_description,
      "s\nmore");
}

TEST(Header, NumberOrStringAndBool) {
  Prototype p = parse_prototype(
      "// @name a\n// @optionalParam port numberOrString 80 Port\n// @optionalParam on bool false "
      "Flag\n{}",
      "p");
  EXPECT_EQ(p.params[0].type, ParamType::NumberOrString);
  EXPECT_EQ(p.params[1].type, ParamType::Bool);
}

void expect_error(const std::string& text, const std::string& needle) {
  try {
    parse_prototype(text, "proto.jsonnet");
    FAIL() << "expected an error containing " << needle;
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
  }
}

TEST(Header, Errors) {
  expect_error("// @name a\n{}\n// @bogus x\n",
               "proto.jsonnet:3: unknown prototype directive @bogus");
  expect_error("// @name a\n// @param x float Desc\n{}", "proto.jsonnet:2");
  expect_error("// @name a\n// @param x float Desc\n{}", "unknown param type 'float'");
  expect_error("// @name a\n// @optionalParam x string Desc\n{}", "NAME TYPE DEFAULT DESCRIPTION");
  expect_error("// @description no name\n{}", "no `// @name` line");
  expect_error("// @name a\n// @param x string A\n// @param x string B\n{}", "declared twice");
}

TEST(Header, SystemPrototypes) {
  auto all = system_prototypes();
  std::vector<std::string> names;
  for (const auto& p : all) names.push_back(p.name);
  for (const char* want :
       {"io.ksonnet.pkg.configMap", "io.ksonnet.pkg.custom-resource",
        "io.ksonnet.pkg.deployed-service", "io.ksonnet.pkg.namespace",
        "io.ksonnet.pkg.single-port-deployment", "io.ksonnet.pkg.single-port-service"}) {
    EXPECT_NE(std::find(names.begin(), names.end(), want), names.end()) << want;
  }
  for (const auto& p : all) {
    EXPECT_EQ(p.body.find("apps/v1beta"), std::string::npos) << p.name;
    EXPECT_FALSE(p.short_description.empty()) << p.name;
  }
}

TEST(Header, KubeflowRegistryPrototypes) {
  std::vector<Prototype> all;
  for (const char* pkg : {"core", "tf-job", "tf-serving"}) {
    auto found = package_prototypes(ks_test::source_path(std::string("registry/kubeflow/") + pkg),
                                    std::string("kubeflow/") + pkg);
    all.insert(all.end(), found.begin(), found.end());
  }
  ASSERT_EQ(all.size(), 4u);
  const Prototype& cnn = resolve(all, "tf-cnn");
  EXPECT_EQ(cnn.package, "kubeflow/tf-job");
  bool saw_gpus = false;
  for (const auto& p : cnn.params) {
    if (p.name == "num_gpus") {
      saw_gpus = true;
      EXPECT_EQ(p.type, ParamType::Number);
      EXPECT_EQ(*p.default_text, "0");
    }
    if (p.name == "name") {
      EXPECT_TRUE(p.required());
    }
  }
  EXPECT_TRUE(saw_gpus);
  const Prototype& serving = resolve(all, "io.ksonnet.pkg.tf-serving");
  int required = 0;
  for (const auto& p : serving.params) required += p.required();
  EXPECT_EQ(required, 2);  // name, model_path
  EXPECT_NE(resolve(all, "core").description.find("\n"),
            std::string::npos);  // continued description
}

TEST(Resolve, SuffixAmbiguityAndSuggestions) {
  auto all = system_prototypes();
  EXPECT_EQ(resolve(all, "deployed-service").name, "io.ksonnet.pkg.deployed-service");
  EXPECT_EQ(resolve(all, "io.ksonnet.pkg.namespace").name, "io.ksonnet.pkg.namespace");
  EXPECT_EQ(resolve(all, "deployment").name, "io.ksonnet.pkg.single-port-deployment");
  try {
    resolve(all, "service");
    FAIL();
  } catch (const Error& e) {
    std::string m = e.what();
    EXPECT_NE(m.find("ambiguous"), std::string::npos) << m;
    EXPECT_NE(m.find("io.ksonnet.pkg.deployed-service"), std::string::npos) << m;
    EXPECT_NE(m.find("io.ksonnet.pkg.single-port-service"), std::string::npos) << m;
  }
  try {
    resolve(all, "single-port");
    FAIL();
  } catch (const Error& e) {
    std::string m = e.what();
    EXPECT_NE(m.find("no prototype names matched 'single-port'"), std::string::npos) << m;
    EXPECT_NE(m.find("single-port-deployment"), std::string::npos) << m;
  }
  EXPECT_THROW(resolve(all, "nothing-like-this"), Error);
  EXPECT_EQ(search(all, "SERVICE").size(), 2u);
}

TEST(Resolve, PackageOverridesSameName) {
  auto base = system_prototypes();
  Prototype mine = parse_prototype(
      "// @name io.ksonnet.pkg.namespace\n// @shortDescription mine\n{}", "mine.jsonnet");
  auto merged = merge(base, {mine});
  EXPECT_EQ(merged.size(), base.size());
  EXPECT_EQ(resolve(merged, "namespace").short_description, "mine");
}

}  // namespace
}  // namespace ks::prototypes
