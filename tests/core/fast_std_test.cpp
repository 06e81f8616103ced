// The native std overrides must give exactly what libjsonnet's own std gives: same results, same
// errors, over many inputs (random, unicode, empty, huge).
#include <gtest/gtest.h>

#include <random>

#include <nlohmann/json.hpp>

#include "render/fast_std.h"
#include "render/importer.h"
#include "render/vm.h"
#include "stock_compare.h"

namespace {

using nlohmann::json;

class FastStd : public ::testing::Test {
 protected:
  std::string eval(const std::string& code) { return ks_test::eval_or_error(vm, code); }
  void expect_same(const std::string& expr) {
    std::string stock = eval(expr);
    std::string fast = eval(ks::render::fast_std_prelude() + expr);
    EXPECT_EQ(fast, stock) << expr.substr(0, 300);
    ++compared;
  }
  ks::render::Importer importer{ks::render::ImportConfig{}};
  ks::render::Vm vm{importer};
  int compared = 0;
};

std::string random_string(std::mt19937& rng, size_t max_len, bool bytes_only = false) {
  static const std::vector<std::string> pieces = {"a",       "b",    "Z", " ", "\\n",     "\\t",
                                                  "\\\"",    "\\\\", "é", "ü", "\\u0001", "\\u007f",
                                                  "\\u0085", "日",   "😀", "-", ":",       "0"};
  static const std::vector<std::string> byte_pieces = {"a",       "b",       "Z", " ", "\\n",
                                                       "\\u00ff", "\\u0000", "é", "0"};
  const auto& from = bytes_only ? byte_pieces : pieces;
  std::string s;
  size_t n = rng() % (max_len + 1);
  for (size_t i = 0; i < n; ++i) s += from[rng() % from.size()];
  return "\"" + s + "\"";
}

std::string random_value(std::mt19937& rng, int depth) {
  int kind = static_cast<int>(rng() % (depth > 3 ? 5 : 7));
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
      for (size_t i = 0; i < n; ++i) {
        std::string key = random_string(rng, 3);
        key.insert(key.size() - 1, std::to_string(i));
        out += (i ? ", " : "") + key + ": " + random_value(rng, depth + 1);
      }
      return out + "}";
    }
  }
}

TEST_F(FastStd, SortMatchesStock) {
  std::mt19937 rng(1);
  for (int t = 0; t < 15; ++t) {
    std::string nums = "[", strs = "[";
    size_t n = rng() % 30;
    for (size_t i = 0; i < n; ++i) {
      nums += (i ? ", " : "") + ks_test::random_number(rng);
      strs += (i ? ", " : "") + random_string(rng, 4);
    }
    expect_same("std.sort(" + nums + "])");
    expect_same("std.sort(" + strs + "])");
    expect_same("std.set(" + strs + "])");
    expect_same("std.uniq(std.sort(" + nums + "]))");
  }
  expect_same("std.sort([])");
  expect_same("std.sort([0, -0, 0, -0])");
  expect_same("std.sort([-0, 0])");
  expect_same("std.sort([1, 'a'])");
  expect_same("std.sort([true, false])");
  expect_same("std.sort([[2], [1]])");
  expect_same("std.sort([{a: 1}])");
  expect_same("std.sort('cba')");
  expect_same("std.sort(3)");
  expect_same("std.sort([3, 1, 2], function(x) -x)");
  expect_same("std.sort(['bb', 'a', 'ccc'], std.length)");
  expect_same("std.sort([1, error 'boom'])");
  expect_same("std.sort(std.makeArray(2000, function(i) (i * 7919) % 10007))");
}

TEST_F(FastStd, Base64MatchesStock) {
  std::mt19937 rng(2);
  for (int t = 0; t < 30; ++t) expect_same("std.base64(" + random_string(rng, 12, true) + ")");
  expect_same("std.base64('')");
  expect_same("std.base64('a')");
  expect_same("std.base64('ab')");
  expect_same("std.base64('abc')");
  expect_same("std.base64('日本')");
  expect_same("std.base64([0, 255, 128])");
  expect_same("std.base64([256])");
  expect_same("std.base64(1)");
  expect_same("std.base64(std.join('', std.makeArray(3000, function(i) std.char(i % 256))))");
}

TEST_F(FastStd, StripCharsMatchesStock) {
  std::mt19937 rng(3);
  for (int t = 0; t < 25; ++t) {
    std::string s = random_string(rng, 10), c = random_string(rng, 3);
    expect_same("std.stripChars(" + s + ", " + c + ")");
    expect_same("std.lstripChars(" + s + ", " + c + ")");
    expect_same("std.rstripChars(" + s + ", " + c + ")");
  }
  expect_same("std.stripChars('', 'a')");
  expect_same("std.stripChars('aaa', 'a')");
  expect_same("std.stripChars('  x  ', '')");
  expect_same("std.stripChars('xyx', ['x'])");
  expect_same("std.lstripChars([1, 2, 1], [1])");
  expect_same("std.rstripChars(5, 'a')");
  expect_same("std.stripChars(std.repeat(' ', 300) + 'x' + std.repeat(' ', 300), ' ')");
}

TEST_F(FastStd, ManifestJsonExMatchesStock) {
  std::mt19937 rng(4);
  for (int t = 0; t < 40; ++t) {
    std::string v = random_value(rng, 0);
    expect_same("std.manifestJsonEx(" + v + ", '  ')");
    expect_same("std.manifestJsonEx(" + v + ", '', '', ':')");
    expect_same("std.manifestJson(" + v + ")");
  }
  expect_same("std.manifestJsonEx({}, ' ')");
  expect_same("std.manifestJsonEx([], ' ')");
  expect_same("std.manifestJsonEx({a: {}, b: [[]], h:: 1}, '\\t', '\\r\\n', ' = ')");
  expect_same("std.manifestJsonEx('x', ' ')");
  expect_same("std.manifestJsonEx({a: 1}, 2)");
  expect_same("std.manifestJsonEx({a: error 'boom'}, ' ')");
  // Functions and assertions: stock's own messages and order, not std.toString's.
  expect_same("std.manifestJsonEx({a: [1, {f: function(x) x}]}, ' ')");
  expect_same("std.manifestJsonEx({a: function(x) x, b: error 'later'}, ' ')");
  expect_same("std.manifestJsonEx({a: error 'first', b: function(x) x}, ' ')");
  expect_same("std.manifestJsonEx({assert false, h:: 1}, ' ')");
  expect_same("std.manifestJsonEx({a: {assert false : 'inner'}, b: 1}, ' ')");
  expect_same("std.manifestJson([function(x) x])");
  expect_same(
      "std.manifestJsonEx({['k' + i]: {v: i, s: 'x' + i} for i in std.range(0, 299)}, '  ')");
}

TEST_F(FastStd, MergePatchMatchesStock) {
  std::mt19937 rng(5);
  for (int t = 0; t < 60; ++t) {
    std::string a = random_value(rng, 0), b = random_value(rng, 0);
    expect_same("std.mergePatch(" + a + ", " + b + ")");
  }
  expect_same("std.mergePatch({a: 1, b: {c: 2, d: 3}}, {b: {c: null, e: {f: null}}, g: null})");
  expect_same("std.mergePatch(null, {a: {b: null}})");
  expect_same("std.mergePatch({a: 1}, 'x')");
  expect_same("std.mergePatch({a: error 'never evaluated'}, {a: 1})");
  expect_same("std.mergePatch({a: 1, h:: 2}, {b: 2})");
  expect_same("std.mergePatch({'é': 1, '日': {x: 1}}, {'日': {y: 2}})");
  EXPECT_GT(compared, 60);
}

}  // namespace
