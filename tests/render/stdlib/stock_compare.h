#pragma once
// Shared by the tests that compare ks's std overrides (src/render/stdlib) with libjsonnet's stock
// std.
#include <random>
#include <string>
#include <vector>

extern "C" {
#include <libjsonnet.h>
}

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include "render/importer.h"
#include "render/stdlib/native.h"
#include "render/stdlib/overrides.h"
#include "render/vm.h"

namespace ks_test {

// The result of evaluating `code`, or "ERROR: <first line>" when evaluation fails.
inline std::string eval_or_error(ks::render::Vm& vm, const std::string& code) {
  try {
    return vm.evaluate_snippet("t.jsonnet", code);
  } catch (const ks::render::JsonnetError& e) {
    return "ERROR: " + e.text.substr(0, e.text.find('\n'));
  }
}

// A number literal: one of the awkward ones (-0, huge, tiny, beyond 2^53) or a random double.
inline std::string random_number(std::mt19937& rng) {
  static const std::vector<std::string> specials = {
      "0",       "-0",   "1",     "-1",        "0.1", "1e20", "1.5e-7", "123456789012345678",
      "3.14159", "-2.5", "1e300", "4294967296"};
  if (rng() % 3 == 0) return specials[rng() % specials.size()];
  std::uniform_real_distribution<double> d(-1e6, 1e6);
  return nlohmann::json(d(rng)).dump();
}

inline std::string random_string(std::mt19937& rng, size_t max_len, bool bytes_only = false) {
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

inline std::string random_value(std::mt19937& rng, int depth) {
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

// A VM with the overrides of the linked libjsonnet; `expect_same(expr)` evaluates `expr` with
// stock std and with the overrides and expects the same text (or the same first error line).
class StockComparison : public ::testing::Test {
 protected:
  void SetUp() override {
    // The overrides are verified against the libjsonnet the tests link; without them every
    // comparison would be stock against stock.
    ASSERT_TRUE(ks::render::stdlib::linked_overrides().enabled)
        << "the std overrides are disabled for libjsonnet " << ::jsonnet_version();
  }
  std::string eval(const std::string& code) { return eval_or_error(vm, code); }
  void expect_same(const std::string& expr) {
    std::string stock = eval(expr);
    std::string fast = eval(ks::render::stdlib::linked_overrides().prelude + expr);
    EXPECT_EQ(fast, stock) << expr.substr(0, 300);
    ++compared;
  }
  // How many calls `native` answered itself since the test started: the comparisons prove
  // nothing unless the native path ran.
  std::uint64_t served(ks::render::stdlib::Native native) const {
    return ks::render::stdlib::served_count(native) - served_at_start[static_cast<int>(native)];
  }
  ks::render::Importer importer{ks::render::ImportConfig{}};
  ks::render::Vm vm{importer};
  int compared = 0;

 private:
  std::uint64_t served_at_start[8] = {
      ks::render::stdlib::served_count(ks::render::stdlib::Native::Sort),
      ks::render::stdlib::served_count(ks::render::stdlib::Native::Base64),
      ks::render::stdlib::served_count(ks::render::stdlib::Native::StripChars),
      ks::render::stdlib::served_count(ks::render::stdlib::Native::ManifestJsonEx),
      ks::render::stdlib::served_count(ks::render::stdlib::Native::MergePatch),
      ks::render::stdlib::served_count(ks::render::stdlib::Native::Format),
      ks::render::stdlib::served_count(ks::render::stdlib::Native::ManifestYamlDoc),
      ks::render::stdlib::served_count(ks::render::stdlib::Native::ManifestYamlStream)};
};

}  // namespace ks_test
