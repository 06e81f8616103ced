// Go-style durations for timeout flags; bare numbers stay seconds.
#include <gtest/gtest.h>

#include "base/duration.h"
#include "base/error.h"

namespace {

using std::chrono::milliseconds;

milliseconds parse(const char* text) {
  return ks::duration::parse(text, "--timeout");
}

TEST(Duration, GoUnitsAndCombinations) {
  EXPECT_EQ(parse("90s"), milliseconds(90000));
  EXPECT_EQ(parse("1m30s"), milliseconds(90000));
  EXPECT_EQ(parse("2h"), milliseconds(7200000));
  EXPECT_EQ(parse("1h2m3s4ms"), milliseconds(3723004));
  EXPECT_EQ(parse("1.5h"), milliseconds(5400000));
  EXPECT_EQ(parse("300ms"), milliseconds(300));
  EXPECT_EQ(parse("2500us"), milliseconds(3));  // rounded to the nearest millisecond
  EXPECT_EQ(parse("0"), milliseconds(0));
}

TEST(Duration, BareNumbersAreSeconds) {
  EXPECT_EQ(parse("300"), milliseconds(300000));
}

TEST(Duration, RejectsWithTheFlagAndAnExample) {
  for (const char* bad : {"", "5 minutes", "1d", "m", "1.s5", "-5s", "1h30", "9999999999999h"}) {
    try {
      parse(bad);
      ADD_FAILURE() << "accepted " << bad;
    } catch (const ks::Error& e) {
      EXPECT_EQ(std::string(e.what()),
                std::string("--timeout ") + bad +
                    ": expected a duration such as 90s, 1m30s, 2h or 300 (seconds)");
    }
  }
}

}  // namespace
