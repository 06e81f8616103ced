#include "edit/edit.h"

#include <gtest/gtest.h>

#include <functional>

#include "base/error.h"
#include "samples.h"

namespace {

using ks::edit::EditStyle;
using ks::edit::Locator;
using namespace edit_samples;

const Locator kTop = Locator::top_level();
const Locator kEnvComponents = Locator::field_anywhere("components", true);

EditStyle quoted_key() {
  EditStyle s;
  s.quote_key = true;
  return s;
}

EditStyle env_style() {
  EditStyle s;
  s.nested_sep = "+:";
  s.quote_path_index = 0;
  return s;
}

std::string set_key(const std::string& text, const std::vector<std::string>& path,
                    const std::string& key, const std::string& value, const EditStyle& style = {}) {
  return ks::edit::set_field(text, "f.libsonnet", kTop, path, key, value, style);
}

std::string remove_key(const std::string& text, const std::vector<std::string>& path,
                       const std::string& key, bool expect_removed = true) {
  bool removed = !expect_removed;
  std::string out = ks::edit::remove_field(text, "f.libsonnet", kTop, path, key, &removed);
  EXPECT_EQ(removed, expect_removed);
  return out;
}

std::string error_of(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const ks::Error& e) {
    return e.what();
  }
  return "";
}

const nlohmann::json kGuestbook = {
    {"containerPort", 80},    {"image", "gcr.io/heptio-images/ks-guestbook-demo:0.1"},
    {"name", "guestbook-ui"}, {"replicas", 1},
    {"servicePort", 80},      {"type", "ClusterIP"}};

const std::string kGeneratedParams =
    "{\n"
    "  global: {\n"
    "    // User-defined global parameters; accessible to all component and environments, Ex:\n"
    "    // replicas: 4,\n"
    "  },\n"
    "  components: {\n"
    "    // Component-level parameters, defined initially from 'ks prototype use ...'\n"
    "    // Each object below should correspond to a component in the components/ directory\n"
    "    \"guestbook-ui\": {\n"
    "      containerPort: 80,\n"
    "      image: \"gcr.io/heptio-images/ks-guestbook-demo:0.1\",\n"
    "      name: \"guestbook-ui\",\n"
    "      replicas: 1,\n"
    "      servicePort: 80,\n"
    "      type: \"ClusterIP\",\n"
    "    },\n"
    "  },\n"
    "}\n";

// ---- component params (ksonnet's generate and param set) ----

TEST(SetField, GenerateAppendsComponentBlockExactlyAsKsonnet) {
  std::string out = set_key(kComponentParams, {"components"}, "guestbook-ui",
                            ks::edit::to_jsonnet_block(kGuestbook), quoted_key());
  EXPECT_EQ(out, kGeneratedParams);
}

TEST(SetField, SecondComponentGoesAfterTheFirstAndIdentifierKeysAreStillQuoted) {
  std::string out = set_key(kGeneratedParams, {"components"}, "redis",
                            ks::edit::to_jsonnet_block({{"port", 6379}}), quoted_key());
  std::string end = "    },\n  },\n}\n";
  std::string expected = kGeneratedParams;
  expected.replace(expected.size() - end.size(), end.size(),
                   "    },\n    \"redis\": {\n      port: 6379,\n    },\n  },\n}\n");
  EXPECT_EQ(out, expected);
  EXPECT_EQ(ks::edit::field_names(out, "f", kTop, {"components"}),
            (std::vector<std::string>{"guestbook-ui", "redis"}));
}

TEST(SetField, EmptyComponentParamsBecomeEmptyObject) {
  std::string out = set_key(kComponentParams, {"components"}, "empty",
                            ks::edit::to_jsonnet_block(nlohmann::json::object()), quoted_key());
  EXPECT_NE(out.find("directory\n    \"empty\": {},\n  },\n}\n"), std::string::npos) << out;
}

TEST(SetField, ReplacingAValueChangesOnlyItsBytes) {
  std::string out = set_key(kGeneratedParams, {"components", "guestbook-ui"}, "replicas", "3");
  std::size_t at = kGeneratedParams.find("replicas: 1") + 10;
  EXPECT_EQ(out, kGeneratedParams.substr(0, at) + "3" + kGeneratedParams.substr(at + 1));
}

TEST(SetField, NewParamIsInsertedAfterTheLastWithSiblingIndentation) {
  std::string out = set_key(kGeneratedParams, {"components", "guestbook-ui"}, "nodePort", "30080");
  std::string anchor = "      type: \"ClusterIP\",\n";
  std::size_t at = kGeneratedParams.find(anchor) + anchor.size();
  EXPECT_EQ(out, kGeneratedParams.substr(0, at) + "      nodePort: 30080,\n" +
                     kGeneratedParams.substr(at));
}

TEST(SetField, GlobalParamGoesBelowTheCommentsOfTheEmptyGlobalObject) {
  std::string out = set_key(kComponentParams, {"global"}, "replicas", "4");
  EXPECT_EQ(out,
            "{\n"
            "  global: {\n"
            "    // User-defined global parameters; accessible to all component and "
            "environments, Ex:\n"
            "    // replicas: 4,\n"
            "    replicas: 4,\n"
            "  },\n" +
                kComponentParams.substr(kComponentParams.find("  components")));
}

TEST(SetField, DottedPathCreatesNestedObjects) {
  std::string out = set_key(kGeneratedParams, {"components", "guestbook-ui", "resources", "limits"},
                            "cpu", "\"1\"");
  std::string anchor = "      type: \"ClusterIP\",\n";
  std::size_t at = kGeneratedParams.find(anchor) + anchor.size();
  EXPECT_EQ(out, kGeneratedParams.substr(0, at) +
                     "      resources: {\n"
                     "        limits: {\n"
                     "          cpu: \"1\",\n"
                     "        },\n"
                     "      },\n" +
                     kGeneratedParams.substr(at));
  // Setting a sibling reuses the created objects.
  std::string again =
      set_key(out, {"components", "guestbook-ui", "resources", "limits"}, "memory", "\"1Gi\"");
  EXPECT_NE(again.find("          cpu: \"1\",\n          memory: \"1Gi\",\n        },\n"),
            std::string::npos)
      << again;
}

TEST(SetField, CreateFalseRefusesMissingObjects) {
  EditStyle style;
  style.create = false;
  EXPECT_EQ(error_of([&] {
              set_key(kComponentParams, {"components", "nope"}, "a", "1", style);
            }),
            "f.libsonnet: no object 'components.nope' to set 'a' in");
}

// ---- environment params.libsonnet and globals.libsonnet ----

TEST(SetField, EnvComponentParamGoesIntoComponentsPlusObject) {
  std::string out = ks::edit::set_field(kEnvParams, "environments/default/params.libsonnet",
                                        kEnvComponents, {"cnn"}, "num_gpus", "1", env_style());
  std::string expected = kEnvParams;
  expected.replace(expected.find("  components+: {\n  },\n"), 22,
                   "  components+: {\n    \"cnn\"+: {\n      num_gpus: 1,\n    },\n  },\n");
  EXPECT_EQ(out, expected);

  // A second component and a second key of the first.
  out =
      ks::edit::set_field(out, "p", kEnvComponents, {"guestbook-ui"}, "replicas", "2", env_style());
  out = ks::edit::set_field(out, "p", kEnvComponents, {"cnn"}, "image", "\"tf:1\"", env_style());
  expected.replace(expected.find("  components+: {\n"), std::string::npos,
                   "  components+: {\n"
                   "    \"cnn\"+: {\n"
                   "      num_gpus: 1,\n"
                   "      image: \"tf:1\",\n"
                   "    },\n"
                   "    \"guestbook-ui\"+: {\n"
                   "      replicas: 2,\n"
                   "    },\n"
                   "  },\n" +
                       kEnvParams.substr(kEnvParams.find("};\n")));
  EXPECT_EQ(out, expected);
}

TEST(SetField, EnvNestedDottedPathUsesPlusSeparators) {
  std::string out = ks::edit::set_field(kEnvParams, "p", kEnvComponents, {"cnn", "a", "b"}, "c",
                                        "true", env_style());
  EXPECT_NE(out.find("  components+: {\n"
                     "    \"cnn\"+: {\n"
                     "      a+: {\n"
                     "        b+: {\n"
                     "          c: true,\n"
                     "        },\n"
                     "      },\n"
                     "    },\n"
                     "  },\n};\n"),
            std::string::npos)
      << out;
  EXPECT_EQ(ks::edit::get_field_text(out, "p", kEnvComponents, {"cnn", "a", "b"}, "c"), "true");
}

TEST(SetField, EnvFileOneLineComponentsObjectIsExpanded) {
  std::string text =
      "local params = std.extVar('__ksonnet/params');\n"
      "local envParams = params + { components +: {} };\n"
      "{ components: envParams.components }\n";
  std::string out =
      ks::edit::set_field(text, "p", kEnvComponents, {"db"}, "port", "5432", env_style());
  EXPECT_EQ(out,
            "local params = std.extVar('__ksonnet/params');\n"
            "local envParams = params + { components +: {\n"
            "  \"db\"+: {\n"
            "    port: 5432,\n"
            "  },\n"
            "} };\n"
            "{ components: envParams.components }\n");
}

TEST(SetField, GlobalsFileWithoutTrailingNewline) {
  std::string out = set_key(kEnvGlobals, {}, "replicas", "\"2\"");
  EXPECT_EQ(out, "{\n  replicas: \"2\",\n}");
  out = set_key(out, {}, "image", "\"x\"");
  EXPECT_EQ(out, "{\n  replicas: \"2\",\n  image: \"x\",\n}");
}

// ---- odd formatting ----

TEST(SetField, OneLineObjectsStayOnOneLine) {
  EXPECT_EQ(set_key("{a:1,\"b-c\" :2}", {}, "d", "3"), "{a:1,\"b-c\" :2, d: 3}");
  EXPECT_EQ(set_key("{ a: 1, }", {}, "d", "3"), "{ a: 1, d: 3, }");
  EXPECT_EQ(set_key("{}", {}, "x-y", "[1, 2]"), "{\n  \"x-y\": [1, 2],\n}");
  EXPECT_EQ(set_key("{ }\n", {}, "if", "null"), "{\n  \"if\": null,\n}\n");
  EXPECT_EQ(set_key("{ /* c */ }", {}, "a", "1"), "{ /* c */ a: 1 }");
}

TEST(SetField, LastFieldWithoutTrailingCommaGetsOne) {
  std::string text = "{\n    a: 1,\n    'b': { x: 1 }  // note\n}\n";
  EXPECT_EQ(set_key(text, {}, "c", "2"),
            "{\n    a: 1,\n    'b': { x: 1 },  // note\n    c: 2,\n}\n");
  EXPECT_EQ(set_key("{\n  a: 1 }", {}, "c", "2"), "{\n  a: 1,\n  c: 2,\n}");
}

TEST(SetField, QuotedKeysMatchByDecodedValue) {
  std::string text = "{\n  'b': 1,\n  \"c-d\": 2,\n  @'e': 3,\n}\n";
  EXPECT_EQ(set_key(text, {}, "b", "10"), "{\n  'b': 10,\n  \"c-d\": 2,\n  @'e': 3,\n}\n");
  EXPECT_EQ(set_key(text, {}, "c-d", "20"), "{\n  'b': 1,\n  \"c-d\": 20,\n  @'e': 3,\n}\n");
  EXPECT_EQ(set_key(text, {}, "e", "30"), "{\n  'b': 1,\n  \"c-d\": 2,\n  @'e': 30,\n}\n");
}

TEST(SetField, ReplacingMultiLineValuesReindentsToTheField) {
  std::string text = "{\n  keep: 1,\n  a: {\n    x: 1,\n    y: 2,\n  },\n  z: 3, // z\n}\n";
  std::string out = set_key(text, {}, "a", "{\n  only: true,\n}");
  EXPECT_EQ(out, "{\n  keep: 1,\n  a: {\n    only: true,\n  },\n  z: 3, // z\n}\n");
  EXPECT_EQ(set_key(text, {}, "a", "[]"), "{\n  keep: 1,\n  a: [],\n  z: 3, // z\n}\n");
}

TEST(SetField, SeparatorsAndLocalsInValuesAreUnderstood) {
  std::string text =
      "{\n  local helper = 1,\n  hidden:: local a = 1, b = 2; a + b,\n"
      "  plus+: { x: 1 },\n  f(x):: x,\n  [std.toString(1)]: 2,\n}\n";
  EXPECT_EQ(ks::edit::field_names(text, "f", kTop, {}),
            (std::vector<std::string>{"hidden", "plus", "f"}));
  EXPECT_EQ(ks::edit::get_field_text(text, "f", kTop, {}, "hidden"), "local a = 1, b = 2; a + b");
  EXPECT_EQ(set_key(text, {"plus"}, "y", "2"),
            "{\n  local helper = 1,\n  hidden:: local a = 1, b = 2; a + b,\n"
            "  plus+: { x: 1, y: 2 },\n  f(x):: x,\n  [std.toString(1)]: 2,\n}\n");
}

TEST(SetField, TopLevelMaySitBehindLocals) {
  std::string text = "// header\nlocal a = { z: 1 };\nlocal b = 2;\n{\n  x: a.z,\n}\n";
  EXPECT_EQ(set_key(text, {}, "y", "b"),
            "// header\nlocal a = { z: 1 };\nlocal b = 2;\n{\n  x: a.z,\n  y: b,\n}\n");
}

TEST(SetField, ValueMustBeValidJsonnet) {
  EXPECT_NE(
      error_of([&] { set_key(kComponentParams, {"global"}, "a", "[1,"); }).find("value for 'a'"),
      std::string::npos);
}

TEST(SetField, TrimsTheValueText) {
  EXPECT_EQ(set_key("{\n  a: 1,\n}\n", {}, "b", "\n{\n  x: 1,\n}\n\n"),
            "{\n  a: 1,\n  b: {\n    x: 1,\n  },\n}\n");
}

// Replacing any field of a file full of jsonnet syntax touches only that value's bytes.
TEST(SetField, ReplacingEachFieldOfATrickyFileChangesOnlyItsValue) {
  auto names = ks::edit::field_names(kTricky, "t", kTop, {});
  EXPECT_EQ(names, (std::vector<std::string>{"q", "r", "u", "m", "c", "d", "e", "g", "h", "j"}));
  for (const std::string& name : names) {
    std::string old = *ks::edit::get_field_text(kTricky, "t", kTop, {}, name);
    std::size_t at = kTricky.find(old);
    ASSERT_EQ(kTricky.find(old, at + 1), std::string::npos) << old;
    std::string expected = kTricky;
    expected.replace(at, old.size(), "null");
    EXPECT_EQ(set_key(kTricky, {}, name, "null"), expected) << name;
  }
}

TEST(RemoveField, RemovingEachFieldOfATrickyFileKeepsAllOthersIntact) {
  auto names = ks::edit::field_names(kTricky, "t", kTop, {});
  for (const std::string& name : names) {
    std::string out = remove_key(kTricky, {}, name);
    std::vector<std::string> rest;
    for (const std::string& other : names) {
      if (other == name) continue;
      rest.push_back(other);
      EXPECT_EQ(ks::edit::get_field_text(out, "t", kTop, {}, other),
                ks::edit::get_field_text(kTricky, "t", kTop, {}, other));
    }
    EXPECT_EQ(ks::edit::field_names(out, "t", kTop, {}), rest);
    // Exactly one contiguous range was cut out.
    std::size_t prefix = 0;
    while (prefix < out.size() && out[prefix] == kTricky[prefix]) ++prefix;
    std::string cut_at_prefix =
        kTricky.substr(0, prefix) + kTricky.substr(prefix + kTricky.size() - out.size());
    EXPECT_EQ(cut_at_prefix, out) << name;
    EXPECT_NE(out.find("local l = 1,\n  assert l == 1 : 'msg',\n"), std::string::npos) << out;
  }
}

// ---- remove ----

TEST(RemoveField, RemovesWholeLinesAndKeepsComments) {
  std::string out = remove_key(kGeneratedParams, {"components", "guestbook-ui"}, "image");
  std::string line = "      image: \"gcr.io/heptio-images/ks-guestbook-demo:0.1\",\n";
  std::string expected = kGeneratedParams;
  expected.erase(expected.find(line), line.size());
  EXPECT_EQ(out, expected);
}

TEST(RemoveField, RemovesAMultiLineComponentEntry) {
  EXPECT_EQ(remove_key(kGeneratedParams, {"components"}, "guestbook-ui"), kComponentParams);
}

TEST(RemoveField, RoundTripsWithSet) {
  std::string text =
      "{\n  // keep me\n  a: 1,  # trailing\n  /* also */ b: {\n    c: [\n      1,\n"
      "    ],\n  },\n  d: 'x'\n}\n";
  EXPECT_EQ(remove_key(text, {}, "a"),
            "{\n  // keep me\n  /* also */ b: {\n    c: [\n      1,\n    ],\n  },\n  d: 'x'\n}\n");
  EXPECT_EQ(remove_key(text, {}, "d"),
            "{\n  // keep me\n  a: 1,  # trailing\n  /* also */ b: {\n    c: [\n      1,\n"
            "    ],\n  },\n}\n");
  std::string added = set_key(text, {}, "e", "2");
  EXPECT_EQ(remove_key(added, {}, "e"),
            "{\n  // keep me\n  a: 1,  # trailing\n  /* also */ b: {\n    c: [\n      1,\n"
            "    ],\n  },\n  d: 'x',\n}\n");
}

TEST(RemoveField, InlineMembers) {
  EXPECT_EQ(remove_key("{ a: 1, b: 2, c: 3 }", {}, "a"), "{ b: 2, c: 3 }");
  EXPECT_EQ(remove_key("{ a: 1, b: 2, c: 3 }", {}, "b"), "{ a: 1, c: 3 }");
  EXPECT_EQ(remove_key("{ a: 1, b: 2, c: 3 }", {}, "c"), "{ a: 1, b: 2 }");
  EXPECT_EQ(remove_key("{ a: 1, b: 2, c: 3, }", {}, "c"), "{ a: 1, b: 2, }");
  EXPECT_EQ(remove_key("{ a: 1 }", {}, "a"), "{ }");
  EXPECT_EQ(remove_key("{\n  a: 1, b: 2,\n}", {}, "b"), "{\n  a: 1,\n}");
  EXPECT_EQ(remove_key("{\n  a: 1,\n  b: 2 }", {}, "b"), "{\n  a: 1 }");
}

TEST(RemoveField, EnvComponentParam) {
  std::string added =
      ks::edit::set_field(kEnvParams, "p", kEnvComponents, {"cnn"}, "num_gpus", "1", env_style());
  bool removed = false;
  std::string out =
      ks::edit::remove_field(added, "p", kEnvComponents, {"cnn"}, "num_gpus", &removed);
  EXPECT_TRUE(removed);
  EXPECT_EQ(out, ks::edit::set_field(kEnvParams, "p", kEnvComponents, {}, "cnn", "{\n}", [] {
              EditStyle s = env_style();
              s.key_sep = "+:";
              s.quote_key = true;
              return s;
            }()));
  out = ks::edit::remove_field(out, "p", kEnvComponents, {}, "cnn", &removed);
  EXPECT_TRUE(removed);
  EXPECT_EQ(out, kEnvParams);
}

TEST(RemoveField, MissingKeyOrPathLeavesTextUnchanged) {
  EXPECT_EQ(remove_key(kComponentParams, {"components"}, "nope", false), kComponentParams);
  EXPECT_EQ(remove_key(kComponentParams, {"components", "nope"}, "x", false), kComponentParams);
}

// ---- reading ----

TEST(Read, FieldTextAndNames) {
  EXPECT_EQ(ks::edit::get_field_text(kGeneratedParams, "f", kTop, {"components", "guestbook-ui"},
                                     "image"),
            "\"gcr.io/heptio-images/ks-guestbook-demo:0.1\"");
  EXPECT_EQ(ks::edit::get_field_text(kGeneratedParams, "f", kTop, {"components"}, "nope"),
            std::nullopt);
  EXPECT_EQ(ks::edit::field_names(kGeneratedParams, "f", kTop, {"components", "guestbook-ui"}),
            (std::vector<std::string>{"containerPort", "image", "name", "replicas", "servicePort",
                                      "type"}));
  EXPECT_EQ(ks::edit::field_names(kGeneratedParams, "f", kTop, {}),
            (std::vector<std::string>{"global", "components"}));
  EXPECT_TRUE(ks::edit::field_names(kComponentParams, "f", kTop, {"components", "x"}).empty());
}

TEST(Read, FieldAnywherePicksTheFirstInFileOrder) {
  std::string text = "{ x: { components+: { a: 1 } }, components+: { b: 2 } }";
  EXPECT_EQ(ks::edit::field_names(text, "f", Locator::field_anywhere("components", true), {}),
            (std::vector<std::string>{"a"}));
  std::string plain = "{ components: {c: 3}, y: { components+: { b: 2 } } }";
  EXPECT_EQ(ks::edit::field_names(plain, "f", Locator::field_anywhere("components", true), {}),
            (std::vector<std::string>{"b"}));
  EXPECT_EQ(ks::edit::field_names(plain, "f", Locator::field_anywhere("components", false), {}),
            (std::vector<std::string>{"c"}));
}

// ---- errors ----

TEST(Errors, NameTheFileAndWhatWasExpected) {
  EXPECT_EQ(error_of([&] { set_key("{a: 1} + {b: 2}", {}, "c", "1"); }),
            "f.libsonnet: expected the file to be an object literal `{ ... }` (optionally after "
            "`local` bindings); edit it by hand");
  EXPECT_EQ(error_of([&] {
              set_key("{\n  components: import 'x.libsonnet',\n}", {"components"}, "c", "1");
            }),
            "f.libsonnet:2:3: field 'components' is not an object literal `{ ... }`; edit it by "
            "hand");
  EXPECT_EQ(error_of([&] {
              ks::edit::set_field("{}", "e/params.libsonnet", kEnvComponents, {"a"}, "b", "1",
                                  env_style());
            }),
            "e/params.libsonnet: found no field `components+: { ... }` whose value is an object "
            "literal; edit the file by hand");
  EXPECT_EQ(error_of([&] { set_key("{\n  a: 1\n  b: 2\n}", {}, "c", "1"); }),
            "f.libsonnet:3:3: expected ',' or '}' after object member, found 'b'");
  EXPECT_EQ(error_of([&] {
              ks::edit::set_field(kEnvParams, "p", Locator::field_anywhere("components", false), {},
                                  "a", "1", {});
            }),
            "");  // the first `components` is `components+:`, a plain object: fine
  EXPECT_EQ(error_of([&] {
              ks::edit::set_field("{components: {[x]: 1 for x in []}}", "p",
                                  Locator::field_anywhere("components", false), {}, "a", "1", {});
            }),
            "p:1:14: cannot edit fields of an object comprehension; edit it by hand");
}

}  // namespace
