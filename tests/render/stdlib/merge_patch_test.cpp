// The native std.mergePatch must give exactly what libjsonnet's own std gives: same results, same
// errors, over many inputs (random, unicode, empty, huge), and must answer them itself.
#include <gtest/gtest.h>

#include <random>

#include "stock_compare.h"

namespace {

using ks::render::stdlib::Native;

class MergePatchTest : public ks_test::StockComparison {};

TEST_F(MergePatchTest, MatchesStock) {
  std::mt19937 rng(5);
  for (int t = 0; t < 60; ++t) {
    std::string a = ks_test::random_value(rng, 0), b = ks_test::random_value(rng, 0);
    expect_same("std.mergePatch(" + a + ", " + b + ")");
  }
  expect_same("std.mergePatch({a: 1, b: {c: 2, d: 3}}, {b: {c: null, e: {f: null}}, g: null})");
  expect_same("std.mergePatch(null, {a: {b: null}})");
  expect_same("std.mergePatch({a: 1}, 'x')");
  expect_same("std.mergePatch({a: error 'never evaluated'}, {a: 1})");
  expect_same("std.mergePatch({a: 1, h:: 2}, {b: 2})");
  expect_same("std.mergePatch({'é': 1, '日': {x: 1}}, {'日': {y: 2}})");
  EXPECT_GT(compared, 60);
  // Most inputs are the native's; a native that always fell back to stock would fail here.
  EXPECT_GT(served(Native::MergePatch), 25u);
}

}  // namespace
