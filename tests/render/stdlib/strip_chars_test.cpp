// The native std.stripChars, std.lstripChars and std.rstripChars must give exactly what
// libjsonnet's own std gives: same results, same errors, over many inputs (random, unicode, empty,
// huge), and must answer them itself.
#include <gtest/gtest.h>

#include <random>

#include "stock_compare.h"

namespace {

using ks::render::stdlib::Native;

class StripCharsTest : public ks_test::StockComparison {};

TEST_F(StripCharsTest, MatchesStock) {
  std::mt19937 rng(3);
  for (int t = 0; t < 25; ++t) {
    std::string s = ks_test::random_string(rng, 10), c = ks_test::random_string(rng, 3);
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
  // Most inputs are the native's; a native that always fell back to stock would fail here.
  EXPECT_GT(served(Native::StripChars), 50u);
}

}  // namespace
