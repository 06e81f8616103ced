#pragma once
// Tests that need something outside the repository (a program, shared test data) may skip when
// it is missing on a developer's machine, never in CI: with CI=true a missing input fails the
// test, so a green CI run means the test ran.
#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>

namespace ks_test {

inline bool in_ci() {
  const char* ci = std::getenv("CI");
  return ci && std::strcmp(ci, "true") == 0;
}

}  // namespace ks_test

// Use instead of GTEST_SKIP() in a test body or SetUp: `KS_SKIP_UNLESS_CI() << "no kubectl";`
// skips, or with CI=true fails with the same reason.
#define KS_SKIP_UNLESS_CI()                                                                 \
  return GTEST_MESSAGE_(ks_test::in_ci() ? "CI=true, so a missing test input fails: " : "", \
                        ks_test::in_ci() ? ::testing::TestPartResult::kFatalFailure         \
                                         : ::testing::TestPartResult::kSkip)
