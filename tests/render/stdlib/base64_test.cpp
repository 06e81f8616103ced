// The native std.base64 must give exactly what libjsonnet's own std gives: same results, same
// errors, over many inputs (random, unicode, empty, huge), and must answer them itself.
#include <gtest/gtest.h>

#include <random>

#include "stock_compare.h"

namespace {

using ks::render::stdlib::Native;

class Base64Test : public ks_test::StockComparison {};

TEST_F(Base64Test, MatchesStock) {
  std::mt19937 rng(2);
  for (int t = 0; t < 30; ++t)
    expect_same("std.base64(" + ks_test::random_string(rng, 12, true) + ")");
  expect_same("std.base64('')");
  expect_same("std.base64('a')");
  expect_same("std.base64('ab')");
  expect_same("std.base64('abc')");
  expect_same("std.base64('日本')");
  expect_same("std.base64([0, 255, 128])");
  expect_same("std.base64([256])");
  expect_same("std.base64(1)");
  expect_same("std.base64(std.join('', std.makeArray(3000, function(i) std.char(i % 256))))");
  // Most inputs are the native's; a native that always fell back to stock would fail here.
  EXPECT_GT(served(Native::Base64), 15u);
}

}  // namespace
