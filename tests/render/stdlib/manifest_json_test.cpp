// The native std.manifestJsonEx and std.manifestJson must give exactly what libjsonnet's own std
// gives: same results, same errors, over many inputs (random, unicode, empty, huge), and must
// answer them itself.
#include <gtest/gtest.h>

#include <random>

#include "stock_compare.h"

namespace {

using ks::render::stdlib::Native;

class ManifestJsonExTest : public ks_test::StockComparison {};

TEST_F(ManifestJsonExTest, MatchesStock) {
  std::mt19937 rng(4);
  for (int t = 0; t < 40; ++t) {
    std::string v = ks_test::random_value(rng, 0);
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
  // Most inputs are the native's; a native that always fell back to stock would fail here.
  EXPECT_GT(served(Native::ManifestJsonEx), 60u);
}

}  // namespace
