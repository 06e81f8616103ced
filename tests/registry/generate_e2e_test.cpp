// `ks generate` / `ks prototype ...` with the built-in prototypes.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "base/yaml.h"
#include "e2e_util.h"

namespace ks_test::registry {
namespace {

using nlohmann::json;

std::vector<json> show(const Sandbox& sb, const stdfs::path& app,
                       const std::string& env = "default") {
  ks_test::Run r = sb.ks({"show", env}, app);
  EXPECT_EQ(r.code, 0) << r.err;
  return ks::yaml::parse_all(r.out, "show");
}

TEST(Generate, DeployedServiceLikeKsonnet) {
  Sandbox sb;
  stdfs::path app = new_app(sb, "app");
  ks_test::Run r = sb.ks({"generate", "deployed-service", "guestbook-ui", "--image",
                          "gcr.io/heptio-images/ks-guestbook-demo:0.1", "--type=ClusterIP"},
                         app);
  expect_ok(r, "generate");
  std::string component = read(app / "components" / "guestbook-ui.jsonnet");
  EXPECT_EQ(
      component.rfind(
          "local env = std.extVar(\"__ksonnet/environments\");\n"
          "local params = std.extVar(\"__ksonnet/params\").components[\"guestbook-ui\"];\n[\n",
          0),
      0u)
      << component;
  EXPECT_NE(component.find("\"name\": params.name"), std::string::npos);
  std::string params = read(app / "components" / "params.libsonnet");
  EXPECT_NE(params.find("    \"guestbook-ui\": {\n      containerPort: 80,\n      image: "
                        "\"gcr.io/heptio-images/ks-guestbook-demo:0.1\",\n"
                        "      name: \"guestbook-ui\",\n      replicas: 1,\n      servicePort: "
                        "80,\n      type: \"ClusterIP\",\n    },\n"),
            std::string::npos)
      << params;
  auto objects = show(sb, app);
  ASSERT_EQ(objects.size(), 2u);
  EXPECT_EQ(objects[1]["kind"], "Deployment");
  EXPECT_EQ(objects[1]["apiVersion"], "apps/v1");
  EXPECT_EQ(objects[1]["spec"]["replicas"], 1);
  EXPECT_EQ(objects[1]["spec"]["template"]["spec"]["containers"][0]["image"],
            "gcr.io/heptio-images/ks-guestbook-demo:0.1");

  // A number param set later stays a number in the component.
  expect_ok(sb.ks({"param", "set", "guestbook-ui", "replicas", "3"}, app), "param set");
  EXPECT_EQ(show(sb, app)[1]["spec"]["replicas"], 3);

  ks_test::Run again = sb.ks({"generate", "namespace", "guestbook-ui"}, app);
  expect_one_line_error(again, "already exists");
}

TEST(Generate, ErrorsWriteNothing) {
  Sandbox sb;
  stdfs::path app = new_app(sb, "app");
  expect_ok(sb.ks({"generate", "namespace", "ns1"}, app), "first generate");
  auto before = snapshot(app);
  expect_one_line_error(sb.ks({"generate", "deployed-service", "web"}, app),
                        "--image=<string> Container image to deploy");
  expect_one_line_error(
      sb.ks({"generate", "deployed-service", "web", "--image=x", "--imag=y"}, app),
      "unknown param --imag");
  expect_one_line_error(
      sb.ks({"generate", "deployed-service", "web", "--image=x", "--replicas=two"}, app),
      "param --replicas: 'two' is not a number");
  expect_one_line_error(
      sb.ks({"generate", "single-port-service", "svc", "--targetLabelSelector=[1]"}, app),
      "is not an object");
  expect_one_line_error(sb.ks({"generate", "service", "web"}, app), "ambiguous");
  expect_one_line_error(sb.ks({"generate", "nothing", "web"}, app),
                        "no prototype names matched 'nothing'");
  expect_one_line_error(sb.ks({"generate", "namespace", "bad name!"}, app), "bad name!");
  expect_one_line_error(sb.ks({"generate", "namespace", "x", "--module", "nomodule"}, app),
                        "ks module create nomodule");
  EXPECT_EQ(snapshot(app), before);
}

TEST(Generate, ValuesFileModuleAndCustomResource) {
  Sandbox sb;
  stdfs::path app = new_app(sb, "app");
  write(sb.root() / "values.yaml", "replicas: 4\ncontainerPort: 8080\n");
  expect_ok(sb.ks({"module", "create", "web"}, app), "module create");
  expect_ok(sb.ks({"env", "targets", "default", "--module", "web"}, app), "targets");
  expect_ok(sb.ks({"generate", "single-port-deployment", "front", "--module", "web",
                   "--image=nginx", "--values-file", (sb.root() / "values.yaml").string()},
                  app),
            "generate in module");
  EXPECT_TRUE(stdfs::exists(app / "components" / "web" / "front.jsonnet"));
  EXPECT_NE(read(app / "components" / "web" / "front.jsonnet").find(".components.front;"),
            std::string::npos);
  auto objects = show(sb, app);
  ASSERT_EQ(objects.size(), 1u);
  EXPECT_EQ(objects[0]["spec"]["replicas"], 4);
  EXPECT_EQ(objects[0]["spec"]["template"]["spec"]["containers"][0]["ports"][0]["containerPort"],
            8080);

  stdfs::path app2 = new_app(sb, "app2");
  expect_ok(sb.ks({"prototype", "use", "custom-resource", "job", "--apiVersion=kubeflow.org/v1",
                   "--kind=TFJob", "--spec={\"runPolicy\": {\"cleanPodPolicy\": \"None\"}}"},
                  app2),
            "custom resource");
  auto cr = show(sb, app2);
  ASSERT_EQ(cr.size(), 1u);
  EXPECT_EQ(cr[0]["apiVersion"], "kubeflow.org/v1");
  EXPECT_EQ(cr[0]["kind"], "TFJob");
  EXPECT_EQ(cr[0]["metadata"]["name"], "job");
  EXPECT_EQ(cr[0]["spec"]["runPolicy"]["cleanPodPolicy"], "None");
}

TEST(Prototype, ListDescribeSearchPreview) {
  Sandbox sb;
  stdfs::path app = new_app(sb, "app");
  ks_test::Run list = sb.ks({"prototype", "list", "-o", "json"}, app);
  expect_ok(list, "list");
  EXPECT_EQ(json::parse(list.out).size(), 6u);
  ks_test::Run desc = sb.ks({"prototype", "describe", "namespace"}, app);
  expect_ok(desc, "describe");
  EXPECT_EQ(desc.out,
            "PROTOTYPE NAME:\nio.ksonnet.pkg.namespace\n\nDESCRIPTION:\nA simple namespace. Labels "
            "are automatically populated from the "
            "name of the namespace.\n\nREQUIRED PARAMETERS:\n  --name=<name> Name to give the "
            "namespace [type: string]\n\n"
            "OPTIONAL PARAMETERS:\n  [none]\n\nTEMPLATE TYPES AVAILABLE:\n  [jsonnet]\n");
  ks_test::Run search = sb.ks({"prototype", "search", "port"}, app);
  expect_ok(search, "search");
  EXPECT_NE(search.out.find("io.ksonnet.pkg.single-port-deployment"), std::string::npos);
  EXPECT_EQ(search.out.find("io.ksonnet.pkg.namespace"), std::string::npos);
  ks_test::Run preview =
      sb.ks({"prototype", "preview", "deployed-service", "--name=x", "--image=y"}, app);
  expect_ok(preview, "preview");
  EXPECT_EQ(
      preview.out.rfind("local env = std.extVar(\"__ksonnet/environments\");\n"
                        "local params = std.extVar(\"__ksonnet/params\").components.preview;\n[\n",
                        0),
      0u)
      << preview.out;
  EXPECT_EQ(preview.out.substr(preview.out.size() - 3), "]\n\n");
  expect_one_line_error(sb.ks({"prototype", "preview", "deployed-service", "--bogus=1"}, app),
                        "--bogus");
  // Without an app only the built-ins are listed.
  expect_ok(sb.ks({"prototype", "list"}), "list outside an app");
}

}  // namespace
}  // namespace ks_test::registry
