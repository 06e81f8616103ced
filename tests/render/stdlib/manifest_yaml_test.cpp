// The native std.manifestYamlDoc / std.manifestYamlStream must give exactly what libjsonnet's own
// std gives: same text, same first error line, over many inputs.
#include <gtest/gtest.h>

#include <random>
#include <set>

#include <nlohmann/json.hpp>

#include "base/yaml.h"
#include "render/importer.h"
#include "render/stdlib/native.h"
#include "render/stdlib/overrides.h"
#include "render/vm.h"
#include "stock_compare.h"

namespace {

using nlohmann::json;

class FastYaml : public ::testing::Test {
 protected:
  std::string eval(const std::string& code) { return ks_test::eval_or_error(vm, code); }
  std::string expect_same(const std::string& expr) {
    std::string stock = eval(expr);
    std::string fast = eval(ks::render::stdlib::linked_overrides().prelude + expr);
    EXPECT_EQ(fast, stock) << expr.substr(0, 400);
    ++compared;
    return stock;
  }
  // Every flag combination of manifestYamlDoc, and the stream of [v, v], in one evaluation (the
  // VM's start-up dominates small cases); a failing one stops both sides at the same point.
  void expect_same_yaml(const std::string& v) {
    std::string calls;
    for (const char* indent : {"false", "true"}) {
      for (const char* quote : {"false", "true"}) {
        calls += std::string("std.manifestYamlDoc(v, ") + indent + ", " + quote + "), ";
        calls += std::string("std.manifestYamlStream([v, v], ") + indent + ", " + quote + ", " +
                 quote + "), ";
      }
    }
    expect_same("local v = " + v + "; [" + calls + "]");
  }
  // The calls the natives answered themselves since the test started.
  std::uint64_t served(ks::render::stdlib::Native native) const {
    return ks::render::stdlib::served_count(native) -
           (native == ks::render::stdlib::Native::ManifestYamlDoc ? doc_at_start : stream_at_start);
  }
  ks::render::Importer importer{ks::render::ImportConfig{}};
  ks::render::Vm vm{importer};
  int compared = 0;
  std::uint64_t doc_at_start =
      ks::render::stdlib::served_count(ks::render::stdlib::Native::ManifestYamlDoc);
  std::uint64_t stream_at_start =
      ks::render::stdlib::served_count(ks::render::stdlib::Native::ManifestYamlStream);
};

const std::vector<std::string>& tricky_keys() {
  static const std::vector<std::string> keys = {
      "true",  "True",  "Yes",   "NO",         "on",      "y",    "N",     "null", ".nan",
      ".Inf",  "-.inf", "-",     "---",        "",        "0x1f", "-0x1F", "0xg",  "0b101",
      "-0b1",  "0B1",   "0b",    "12-03-2020", "1-2-3-4", "1-2",  "12_3",  "-12",  "1.5",
      "1.5e3", "1e3",   "1.2.3", "-1.5-",      "1.e-e",   "a b",  "é",     "a:b",  "a/b",
      "_x",    "x-y",   "ABC",   "e",          "E",       ".",    "..",    "x.y",  "-x",
      "a\\nb", "\\t",   "\\\"q", "\\u0001",    "日本",    "0",    "00",    "0x",   "abcdef"};
  return keys;
}

std::string random_string(std::mt19937& rng, size_t max_len) {
  static const std::vector<std::string> pieces = {
      "a",       "b",       "Z",       " ",  "\\n", "\\n\\n", "\\t", "\\r", "\\\"", "\\\\", "é",
      "\\u0001", "\\u007f", "\\u0085", "日", "😀",   "-",      ":",   "0",   "#",    "'",    "|"};
  std::string s;
  size_t n = rng() % (max_len + 1);
  for (size_t i = 0; i < n; ++i) s += pieces[rng() % pieces.size()];
  if (rng() % 3 == 0) s += "\\n";  // block literals
  return "\"" + s + "\"";
}

std::string random_key(std::mt19937& rng) {
  if (rng() % 2) return "\"" + tricky_keys()[rng() % tricky_keys().size()] + "\"";
  return random_string(rng, 3);
}

std::string random_value(std::mt19937& rng, int depth) {
  int kind = static_cast<int>(rng() % (depth > 3 ? 5 : 8));
  switch (kind) {
    case 0:
      return "null";
    case 1:
      return rng() % 2 ? "true" : "false";
    case 2:
      return ks_test::random_number(rng);
    case 3:
    case 4:
      return random_string(rng, 6);
    case 5: {
      std::string out = "[";
      size_t n = rng() % 4;
      for (size_t i = 0; i < n; ++i) out += (i ? ", " : "") + random_value(rng, depth + 1);
      return out + "]";
    }
    default: {
      std::string out = "{";
      size_t n = rng() % 4;
      // Distinct keys: a duplicate is a static error whose column the prelude would shift.
      std::set<std::string> seen;
      for (size_t i = 0; i < n; ++i) {
        std::string key = random_key(rng);
        if (!seen.insert(key).second) continue;
        out += key + (rng() % 5 ? ": " : ":: ") + random_value(rng, depth + 1) + ", ";
      }
      return out + "}";
    }
  }
}

TEST_F(FastYaml, RandomValuesMatchStock) {
  std::mt19937 rng(7);
  for (int t = 0; t < 60; ++t) expect_same_yaml(random_value(rng, 0));
  EXPECT_EQ(compared, 60);
  // A native that always fell back to stock would pass the comparisons: it must have answered.
  EXPECT_GT(served(ks::render::stdlib::Native::ManifestYamlDoc), 100u);
  EXPECT_GT(served(ks::render::stdlib::Native::ManifestYamlStream), 100u);
}

TEST_F(FastYaml, KeysMatchStock) {
  std::string obj = "{", nested = "[";
  for (const auto& k : tricky_keys()) {
    obj += "\"" + k + "\": 1, ";
    nested += "{\"" + k + "\": {\"" + k + "\": [1]}}, ";
  }
  // Stock's key check costs ~30 ms a key: one call each.
  expect_same("std.manifestYamlDoc(" + obj + "}, quote_keys=false)");
  expect_same("std.manifestYamlStream(" + nested + "], true, false, false)");
  expect_same("std.manifestYamlDoc(" + obj + "})");
  // Bare and quoted keys, as stock decides them.
  EXPECT_EQ(expect_same("std.manifestYamlDoc({'0x1f': 1, Yes: 2, 'a-b': 3, 'é': 4}, "
                        "quote_keys=false)"),
            json("\"0x1f\": 1\n\"Yes\": 2\na-b: 3\n\"é\": 4").dump() + "\n");
}

TEST_F(FastYaml, ShapesMatchStock) {
  for (const char* v : {
           "{}",
           "[]",
           "''",
           "'\\n'",
           "'a\\n'",
           "'a\\n\\nb\\n'",
           "'\\n\\n'",
           "'a\\nb'",
           "'x\\r\\n'",
           "null",
           "true",
           "-0",
           "1e100",
           "'é😀'",
           "[[]]",
           "[{}]",
           "[[[1, 2], [3]], 4]",
           "[[{a: 1, b: [2, {c: 'x\\ny\\n'}]}]]",
           "{a: [], b: {}, c: [[]], d: [{}], e: ''}",
           "{a: [1, [2, 3], {b: [4]}], c: {d: {e: [[5]]}}}",
           "[{a: 'l1\\nl2\\n', b: ['x\\n']}]",
           "{a: 1, h:: 2, v::: 3}",
           "{h:: 1}",
           "[{h:: 1}, {a: {h:: 2}}]",
           "{a: {h:: function(x) x}}",
           "{assert false, h:: 1}",
           "[{assert false}]",
           "{a: {assert false : 'boom', h:: 1}}",
           "{a: {assert false : 'boom', b: 1}}",
           "{b: {c: 1, a: self.c + 1}, a: [x * 2 for x in [1, 2]]}",
           "{'\\u0000k': 'v\\u0000', s: 'a\\u0000\\n'}",
           "'\\ud83d\\ude00'",
           "std.char(55296)",
           "{[std.char(57343)]: 'x' + std.char(55296) + '\\n'}",
       }) {
    expect_same_yaml(v);
  }
}

TEST_F(FastYaml, ErrorsMatchStock) {
  for (const char* v : {
           "function(x) x",
           "{a: function(x) x}",
           "[1, [2, function(x) x]]",
           "{b: [{c: 1}, {d: std.length}]}",
           "{a: error 'first', b: function(x) x}",
           "{a: function(x) x, b: error 'second'}",
           "{b: error 'b', a: error 'a'}",
           "[error 'e0', error 'e1']",
           "{a: {z: error 'deep'}, b: error 'later'}",
           "{a: [1, {c: error 'c'}], b: 1}",
           "{x: 1 + 'a'}",
           "{a: {}, b: error 'b'}",
           "[{}, {assert false : 'obj assert'}]",
           "{a: {b: {c: function() 1}}}",
       }) {
    expect_same_yaml(v);
  }
  EXPECT_EQ(expect_same("std.manifestYamlDoc({a: [1, {b: function(x) x}]})"),
            "ERROR: RUNTIME ERROR: Tried to manifest function at [\"a\", 1, \"b\"]");
}

TEST_F(FastYaml, ArgumentsMatchStock) {
  expect_same("std.manifestYamlStream({a: 1})");
  expect_same("std.manifestYamlStream('x')");
  expect_same("std.manifestYamlStream([])");
  expect_same("std.manifestYamlStream([], c_document_end=false)");
  expect_same("std.manifestYamlStream([{a: [1]}, 2], c_document_end=false)");
  expect_same("std.manifestYamlStream([{a: [1]}, 2], true, false)");
  expect_same("std.manifestYamlStream([{a: [1]}], c_document_end='no')");
  expect_same("std.manifestYamlStream([{a: [1]}], quote_keys=1)");
  expect_same("std.manifestYamlStream([{a: [1]}], indent_array_in_object=null)");
  expect_same("std.manifestYamlStream([{a: 1}, function(x) x])");
  expect_same("std.manifestYamlStream([1, error 'e'])");
  expect_same("std.manifestYamlDoc({a: [1]}, 'yes')");
  expect_same("std.manifestYamlDoc('plain', 'yes', 3)");
  expect_same("std.manifestYamlDoc({a: 1}, quote_keys=[])");
  expect_same("std.manifestYamlDoc({a: [1]}, indent_array_in_object=true)");
  expect_same("std.manifestYamlDoc()");
  expect_same("std.manifestYamlDoc({}, false, true, 1)");
}

TEST_F(FastYaml, DeepValuesMatchStock) {
  // Stock runs out of jsonnet stack frames between depths 200 and 250; the native leaves values
  // deeper than 32 to stock.
  for (int depth : {10, 31, 32, 40, 200, 260}) {
    std::string arr =
        "local d(n) = if n == 0 then 'x\\n' else [d(n - 1)]; d(" + std::to_string(depth) + ")";
    std::string obj =
        "local d(n) = if n == 0 then {} else {a: d(n - 1), b: n}; d(" + std::to_string(depth) + ")";
    expect_same("std.manifestYamlDoc(" + arr + ")");
    expect_same("std.manifestYamlDoc(" + obj + ")");
  }
}

TEST_F(FastYaml, KubernetesListMatchesStock) {
  std::string deployment =
      "{apiVersion: 'apps/v1', kind: 'Deployment', metadata: {name: 'app-' + i, namespace: "
      "'default', labels: {app: 'app-' + i, 'app.kubernetes.io/name': 'x'}, annotations: {}}, "
      "spec: {replicas: i % 3, selector: {matchLabels: {app: 'app-' + i}}, template: {metadata: "
      "{labels: {app: 'app-' + i}}, spec: {containers: [{name: 'main', image: 'nginx:1.' + i, "
      "args: ['--port=80', '--v=' + i], ports: [{containerPort: 80, protocol: 'TCP'}], env: "
      "[{name: 'CONFIG', value: 'a: 1\\nb: 2\\n'}, {name: 'EMPTY', value: ''}], resources: "
      "{limits: {cpu: '100m', memory: '64Mi'}}, volumeMounts: [{name: 'tmp', mountPath: "
      "'/tmp'}]}], volumes: [{name: 'tmp', emptyDir: {}}]}}}}";
  // Stock needs about a minute for 300 of them: compare 6 with stock, and check that the 300
  // read back as the objects themselves.
  std::string few = "[" + deployment + " for i in std.range(0, 5)]";
  expect_same("std.manifestYamlStream(" + few + ")");
  expect_same("std.manifestYamlStream(" + few + ", true, false, false)");
  expect_same("std.manifestYamlDoc({items: " + few + "}, true)");
  std::string list = "[" + deployment + " for i in std.range(0, 299)]";
  json objects = json::parse(eval(list));
  for (const char* flags : {"", ", true, false, false"}) {
    json yaml = json::parse(eval(ks::render::stdlib::linked_overrides().prelude +
                                 "std.manifestYamlStream(" + list + flags + ")"));
    ASSERT_TRUE(yaml.is_string()) << yaml.dump().substr(0, 300);
    std::vector<json> docs = ks::yaml::parse_all(yaml.get<std::string>(), "stream");
    ASSERT_EQ(docs.size(), 300u);
    for (size_t i = 0; i < docs.size(); ++i) EXPECT_EQ(docs[i], objects[i]) << i;
  }
}

TEST_F(FastYaml, NativeIsUsed) {
  EXPECT_EQ(eval("std.native('ks.manifestYamlDoc')('[{\"b\": [1, {\"c\": \"x\\\\n\"}], "
                 "\"a\": {}}]', false, false)"),
            json("b:\n- 1\n- c: |\n    x\na: {}").dump() + "\n");
  EXPECT_EQ(eval("std.native('ks.manifestYamlStream')('[1, [2]]', false, false, true)"),
            json("---\n1\n---\n- 2\n").dump() + "\n");
  // Non-boolean flags: the override falls back to stock.
  EXPECT_EQ(eval("std.native('ks.manifestYamlDoc')('[1]', 1, false)"), "null\n");
}

}  // namespace
