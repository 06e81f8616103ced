// The native std.sort, std.set and std.uniq over numbers and strings must give exactly what
// libjsonnet's own std gives: same results, same errors, over many inputs (random, unicode, empty,
// huge), and must answer them itself.
#include <gtest/gtest.h>

#include <random>

#include "stock_compare.h"

namespace {

using ks::render::stdlib::Native;

class SortTest : public ks_test::StockComparison {};

TEST_F(SortTest, MatchesStock) {
  std::mt19937 rng(1);
  for (int t = 0; t < 15; ++t) {
    std::string nums = "[", strs = "[";
    size_t n = rng() % 30;
    for (size_t i = 0; i < n; ++i) {
      nums += (i ? ", " : "") + ks_test::random_number(rng);
      strs += (i ? ", " : "") + ks_test::random_string(rng, 4);
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
  // Most inputs are the native's; a native that always fell back to stock would fail here.
  EXPECT_GT(served(Native::Sort), 20u);
}

}  // namespace
