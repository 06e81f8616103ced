#include <gtest/gtest.h>

#include "base/error.h"
#include "prototypes/catalog.h"
#include "prototypes/generate.h"

namespace ks::prototypes {
namespace {

const char* kHeader =
    "local env = std.extVar(\"__ksonnet/environments\");\nlocal params = "
    "std.extVar(\"__ksonnet/params\").components.";

TEST(Expand, SubstitutesOnTokensOnly) {
  Prototype p = parse_prototype(
      "// @name t\n// @param name string N\n"
      "{\n"
      "  a: import 'param://name',\n"
      "  b: import /* why */ \"param://port\",\n"
      "  c: import 'env://namespace',\n"
      "  d: \"import 'param://name'\",  // import 'param://name'\n"
      "  e: import 'param://with-dash',\n"
      "}\n",
      "t.jsonnet");
  std::string out = expand(p, "web");
  EXPECT_EQ(out.rfind(std::string(kHeader) + "web;\n{\n", 0), 0u) << out;
  EXPECT_NE(out.find("a: params.name,"), std::string::npos) << out;
  EXPECT_NE(out.find("b: params.port,"), std::string::npos) << out;
  EXPECT_NE(out.find("c: env.namespace,"), std::string::npos) << out;
  EXPECT_NE(out.find("d: \"import 'param://name'\",  // import 'param://name'"), std::string::npos)
      << out;
  EXPECT_NE(out.find("e: params[\"with-dash\"],"), std::string::npos) << out;
}

TEST(Expand, NonIdentifierComponentName) {
  auto all = system_prototypes();
  std::string out = expand(resolve(all, "deployed-service"), "guestbook-ui");
  EXPECT_EQ(
      out.rfind(
          "local env = std.extVar(\"__ksonnet/environments\");\n"
          "local params = std.extVar(\"__ksonnet/params\").components[\"guestbook-ui\"];\n[\n",
          0),
      0u)
      << out;
  EXPECT_EQ(out.find("import"), std::string::npos) << out;
  EXPECT_NE(out.find("\"apiVersion\": \"apps/v1\""), std::string::npos);
}

TEST(Expand, InvalidBodyIsAnError) {
  Prototype p = parse_prototype("// @name broken\n{ a: \n", "broken.jsonnet");
  EXPECT_THROW(expand(p, "x"), Error);
}

}  // namespace
}  // namespace ks::prototypes
