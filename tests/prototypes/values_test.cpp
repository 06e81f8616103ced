#include <gtest/gtest.h>

#include "base/error.h"
#include "prototypes/catalog.h"
#include "prototypes/values.h"

namespace ks::prototypes {
namespace {

using nlohmann::json;

Param param(ParamType type, const std::string& name = "p") {
  Param p;
  p.name = name;
  p.type = type;
  return p;
}

TEST(Values, Typing) {
  EXPECT_EQ(typed_value(param(ParamType::Number), "1"), json(1));
  EXPECT_TRUE(typed_value(param(ParamType::Number), "1").is_number_integer());
  EXPECT_EQ(typed_value(param(ParamType::Number), "1.5"), json(1.5));
  EXPECT_EQ(typed_value(param(ParamType::Number), "-3"), json(-3));
  EXPECT_THROW(typed_value(param(ParamType::Number), "abc"), Error);
  EXPECT_THROW(typed_value(param(ParamType::Number), "1x"), Error);
  // One grammar with `ks param set` (ksonnet's): leading zeros are not a number.
  EXPECT_THROW(typed_value(param(ParamType::Number), "007"), Error);
  EXPECT_EQ(typed_value(param(ParamType::NumberOrString), "007"), json("007"));
  EXPECT_EQ(typed_value(param(ParamType::Number), "-.5"), json(-0.5));
  EXPECT_EQ(typed_value(param(ParamType::Number), "1e3"), json(1000.0));
  EXPECT_EQ(typed_value(param(ParamType::String), "80"), json("80"));
  EXPECT_EQ(typed_value(param(ParamType::String), "null"), json("null"));
  EXPECT_EQ(typed_value(param(ParamType::NumberOrString), "8080"), json(8080));
  EXPECT_EQ(typed_value(param(ParamType::NumberOrString), "http"), json("http"));
  EXPECT_EQ(typed_value(param(ParamType::Bool), "True"), json(true));
  EXPECT_EQ(typed_value(param(ParamType::Bool), "false"), json(false));
  EXPECT_THROW(typed_value(param(ParamType::Bool), "yes please"), Error);
  EXPECT_EQ(typed_value(param(ParamType::Array), "[\"a\", 1]"), json::parse("[\"a\", 1]"));
  EXPECT_EQ(typed_value(param(ParamType::Object), "{app: web}"), json::parse("{\"app\": \"web\"}"));
  EXPECT_THROW(typed_value(param(ParamType::Object), "[1]"), Error);
  EXPECT_THROW(typed_value(param(ParamType::Array), "{\"a\": 1}"), Error);
}

TEST(Values, NonFiniteNumbersAreRefused) {
  for (ParamType t : {ParamType::Number, ParamType::NumberOrString}) {
    for (const char* text : {"1e999", "-1e999", "1.5e400"}) {
      try {
        typed_value(param(t, "replicas"), text);
        ADD_FAILURE() << text;
      } catch (const Error& e) {
        EXPECT_EQ(std::string(e.what()), "param --replicas: '" + std::string(text) +
                                             "': the number " +
                                             std::string(text[0] == '-' ? text + 1 : text) +
                                             " is too large (it would be infinity, "
                                             "which renders as null)");
      }
    }
  }
  EXPECT_THROW(typed_value(param(ParamType::Array), "[1e999]"), Error);
  EXPECT_THROW(typed_json(param(ParamType::Number), json("1e999")), Error);
  EXPECT_EQ(typed_value(param(ParamType::Number), "1e308"), json(1e308));
}

TEST(Values, JsonFromValuesFile) {
  EXPECT_EQ(typed_json(param(ParamType::Number), json(2)), json(2));
  EXPECT_EQ(typed_json(param(ParamType::Number), json("2")), json(2));
  EXPECT_THROW(typed_json(param(ParamType::Number), json::array()), Error);
  EXPECT_EQ(typed_json(param(ParamType::String), json(2)), json("2"));
  EXPECT_EQ(typed_json(param(ParamType::Object), json::parse("{\"a\":1}")),
            json::parse("{\"a\":1}"));
}

TEST(Values, FlagArgs) {
  auto flags = parse_flag_args({"--a=1", "--b", "two", "--c", "--d=x=y"});
  EXPECT_EQ(flags.at("a"), "1");
  EXPECT_EQ(flags.at("b"), "two");
  EXPECT_EQ(flags.at("c"), "true");
  EXPECT_EQ(flags.at("d"), "x=y");
  EXPECT_THROW(parse_flag_args({"stray"}), Error);
  EXPECT_THROW(parse_flag_args({"--a=1", "--a=2"}), Error);
}

const Prototype& deployed_service() {
  static const auto all = system_prototypes();
  return resolve(all, "deployed-service");
}

std::string error_of(const std::map<std::string, std::string>& flags,
                     const json& values = json::object()) {
  try {
    resolve_params(deployed_service(), flags, values);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

TEST(Values, ResolveParamsDefaultsAndTypes) {
  json p =
      resolve_params(deployed_service(), {{"name", "web"}, {"image", "nginx"}, {"replicas", "3"}});
  EXPECT_EQ(p["name"], "web");
  EXPECT_EQ(p["replicas"], 3);
  EXPECT_EQ(p["servicePort"], 80);
  EXPECT_TRUE(p["servicePort"].is_number());
  EXPECT_EQ(p["type"], "ClusterIP");
  EXPECT_EQ(p.size(), 6u);
  json with_file =
      resolve_params(deployed_service(), {{"name", "web"}, {"image", "nginx"}, {"replicas", "3"}},
                     json{{"replicas", 5}});
  EXPECT_EQ(with_file["replicas"], 5);
}

TEST(Values, ResolveParamsErrorsListExpected) {
  std::string missing = error_of({{"name", "web"}});
  EXPECT_NE(missing.find("missing required param --image"), std::string::npos) << missing;
  EXPECT_NE(missing.find("--image=<string> Container image to deploy"), std::string::npos)
      << missing;
  EXPECT_EQ(missing.find('\n'), std::string::npos) << missing;
  std::string unknown = error_of({{"name", "web"}, {"image", "x"}, {"imag", "y"}});
  EXPECT_NE(unknown.find("unknown param --imag"), std::string::npos) << unknown;
  std::string typed = error_of({{"name", "web"}, {"image", "x"}, {"replicas", "many"}});
  EXPECT_NE(typed.find("param --replicas: 'many' is not a number"), std::string::npos) << typed;
  EXPECT_NE(typed.find("--replicas=<number>"), std::string::npos) << typed;
  std::string both = error_of({{"bogus", "1"}}, json{{"other", 1}});
  EXPECT_NE(both.find("unknown param --bogus"), std::string::npos) << both;
  EXPECT_NE(both.find("unknown param 'other' in the values file"), std::string::npos) << both;
  EXPECT_NE(both.find("missing required params --name, --image"), std::string::npos) << both;
}

}  // namespace
}  // namespace ks::prototypes
