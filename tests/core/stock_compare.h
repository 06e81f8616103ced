#pragma once
// Shared by the tests that compare ks's fast std overrides with libjsonnet's stock std.
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

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

}  // namespace ks_test
