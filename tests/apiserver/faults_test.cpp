#include <gtest/gtest.h>

#include "base/error.h"
#include "faults.h"

namespace kta {
namespace {

TEST(FaultSpec, ParsesEveryKey) {
  FaultSpec s = parse_fault_spec(
      "rate=0.2,kinds=429+500+503+drop+delay,delay-ms=2000,seed=42,max=3,methods=patch+GET,"
      "path=/api/,fail-name=^bad-,faults-discovery=true");
  EXPECT_DOUBLE_EQ(s.rate, 0.2);
  EXPECT_EQ(s.kinds, (std::vector<std::string>{"429", "500", "503", "drop", "delay"}));
  EXPECT_EQ(s.delay_ms, 2000);
  EXPECT_EQ(s.seed, 42u);
  EXPECT_EQ(s.max, 3);
  EXPECT_EQ(s.methods, (std::set<std::string>{"PATCH", "GET"}));
  EXPECT_TRUE(s.path.has_value());
  EXPECT_TRUE(s.fail_name.has_value());
  EXPECT_TRUE(s.discovery);
}

TEST(FaultSpec, RejectsBadInput) {
  EXPECT_THROW(parse_fault_spec("rate=2"), ks::Error);
  EXPECT_THROW(parse_fault_spec("kinds=404"), ks::Error);
  EXPECT_THROW(parse_fault_spec("bogus=1"), ks::Error);
  EXPECT_THROW(parse_fault_spec("rate"), ks::Error);
  EXPECT_THROW(parse_fault_spec("fail-name=("), ks::Error);
  EXPECT_NO_THROW(parse_fault_spec(""));
}

TEST(Faults, RateOneFaultsEveryEligibleRequestUpToMax) {
  Faults f(parse_fault_spec("rate=1,kinds=429,max=2"));
  EXPECT_EQ(f.decide("GET", "/api/v1/namespaces/a/configmaps", false, "").kind, "429");
  EXPECT_EQ(f.decide("GET", "/version", true, "").kind, "");  // discovery is exempt
  EXPECT_EQ(f.decide("PATCH", "/api/v1/namespaces/a/configmaps/x", false, "x").kind, "429");
  EXPECT_EQ(f.decide("PATCH", "/api/v1/namespaces/a/configmaps/x", false, "x").kind, "");
}

TEST(Faults, SeedMakesChoicesRepeatable) {
  auto run = [] {
    Faults f(parse_fault_spec("rate=0.5,kinds=429+500+503,seed=7"));
    std::string out;
    for (int i = 0; i < 40; ++i) out += f.decide("GET", "/api/v1/pods", false, "").kind + ";";
    return out;
  };
  std::string a = run();
  EXPECT_EQ(a, run());
  EXPECT_NE(a.find("429"), std::string::npos);
  EXPECT_NE(a.find(";;"), std::string::npos);  // some requests pass
}

TEST(Faults, FailNameHitsWritesOnly) {
  Faults f(parse_fault_spec("fail-name=^broken"));
  EXPECT_EQ(f.decide("PATCH", "/api/v1/namespaces/a/configmaps/broken-1", false, "broken-1").kind,
            "500");
  EXPECT_EQ(f.decide("DELETE", "/x", false, "broken").kind, "500");
  EXPECT_EQ(f.decide("GET", "/api/v1/namespaces/a/configmaps/broken-1", false, "broken-1").kind,
            "");
  EXPECT_EQ(f.decide("PATCH", "/x", false, "fine").kind, "");
}

TEST(Faults, MethodAndPathFilters) {
  Faults f(parse_fault_spec("rate=1,kinds=503,methods=PATCH,path=configmaps"));
  EXPECT_EQ(f.decide("GET", "/api/v1/namespaces/a/configmaps/x", false, "").kind, "");
  EXPECT_EQ(f.decide("PATCH", "/api/v1/namespaces/a/secrets/x", false, "x").kind, "");
  EXPECT_EQ(f.decide("PATCH", "/api/v1/namespaces/a/configmaps/x", false, "x").kind, "503");
}

}  // namespace
}  // namespace kta
