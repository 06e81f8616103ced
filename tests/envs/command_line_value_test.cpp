// The one grammar for command-line values (ksonnet's DecodeValue), shared by `ks param set`
// (envs/params.cpp) and `ks generate --NAME=VALUE` (prototypes/values.cpp).
#include "envs/command_line_value.h"

#include <gtest/gtest.h>

#include "base/error.h"

namespace {

using ks::envs::CommandLineValue;
using Kind = ks::envs::CommandLineValue::Kind;

CommandLineValue typed(const std::string& text) {
  return ks::envs::type_command_line_value(text, "value '" + text + "'");
}

TEST(CommandLineValue, Numbers) {
  EXPECT_EQ(typed("0").kind, Kind::Integer);
  EXPECT_EQ(typed("42").kind, Kind::Integer);
  EXPECT_EQ(typed("+1").text, "1");
  EXPECT_EQ(typed("-3").text, "-3");
  EXPECT_EQ(typed("1e3").kind, Kind::Float);
  EXPECT_EQ(typed("1e3").text, "1e3");
  EXPECT_EQ(typed("-0.5").text, "-0.5");
  EXPECT_EQ(typed("-.5").text, "-0.5");
  EXPECT_EQ(typed("5.").text, "5.0");
  EXPECT_EQ(typed("5.e3").text, "5.0e3");
  // Leading zeros: a zip code or a tag stays a string, as in ksonnet.
  for (const char* text : {"007", "00.5", "040.", "0x1F", " 3", "3 ", "1_000", "-", "."})
    EXPECT_EQ(typed(text).kind, Kind::String) << text;
}

TEST(CommandLineValue, BoolsAndNullIsh) {
  EXPECT_EQ(typed("true").kind, Kind::Bool);
  EXPECT_EQ(typed("TRUE").text, "true");
  EXPECT_EQ(typed("False").text, "false");
  // ksonnet has no null: these are strings.
  for (const char* text : {"null", "Null", "~", "", "yes", "no"})
    EXPECT_EQ(typed(text).kind, Kind::String) << text;
}

TEST(CommandLineValue, QuotedStringsAndStructured) {
  EXPECT_EQ(typed("\"80\"").kind, Kind::String);
  EXPECT_EQ(typed("\"80\"").text, "\"80\"");
  EXPECT_EQ(typed("'x'").kind, Kind::String);
  EXPECT_EQ(typed("[1, \"a\"]").kind, Kind::Structured);
  EXPECT_EQ(typed("{\"a\": {\"b\": [1]}}").kind, Kind::Structured);
  EXPECT_EQ(typed("{app: web}").text, "{app: web}");
  EXPECT_EQ(typed(" [1]").kind, Kind::String);
}

TEST(CommandLineValue, NonFiniteNumbersAreRefused) {
  for (const char* text : {"1e999", "-1e999", "+2.5e400", "[1, 1e999]", "{a: {b: -1E400}}"}) {
    try {
      typed(text);
      ADD_FAILURE() << text;
    } catch (const ks::Error& e) {
      std::string msg = e.what();
      EXPECT_EQ(msg.rfind("value '" + std::string(text) + "': the number ", 0), 0u) << msg;
      EXPECT_NE(msg.find("infinity"), std::string::npos) << msg;
    }
  }
  EXPECT_EQ(typed("1e308").kind, Kind::Float);
}

}  // namespace
