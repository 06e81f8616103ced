#pragma once
// Injected faults, so clients' retry logic can be tested. Grammar (comma separated):
//   rate=R            share of eligible requests that fail (0..1)
//   kinds=K+K...      429, 500, 503, drop, drop-after, delay (picked uniformly per faulted
//                     request); drop closes the connection without serving the request,
//                     drop-after serves it (its writes happen) and then closes without answering
//   delay-ms=N        how long `delay` sleeps before answering normally (default 1000)
//   seed=N            seed of the random choice (default: random)
//   max=N             stop after N injected random faults
//   methods=M+M...    only these HTTP methods (default all)
//   path=REGEX        only paths matching REGEX (ECMAScript, searched)
//   fail-name=REGEX   every write (POST/PUT/PATCH/DELETE) to an object whose name matches
//                     fails with 500, regardless of rate
//   faults-discovery=true   also fault /version, /api*, discovery and /openapi requests
#include <mutex>
#include <optional>
#include <random>
#include <regex>
#include <set>
#include <string>
#include <vector>

namespace kta {

struct FaultSpec {
  double rate = 0;
  std::vector<std::string> kinds = {"500"};
  int delay_ms = 1000;
  std::optional<unsigned long long> seed;
  long max = -1;
  std::set<std::string> methods;
  std::optional<std::regex> path;
  std::optional<std::regex> fail_name;
  bool discovery = false;
  std::string text;  // as given
};

// Throws ks::Error naming the bad item.
FaultSpec parse_fault_spec(const std::string& text);

struct FaultDecision {
  std::string kind;  // "" = none, or one of 429 500 503 drop drop-after delay
  int delay_ms = 0;
};

class Faults {
 public:
  explicit Faults(FaultSpec spec = {});
  void set(FaultSpec spec);
  std::string text() const;
  // `discovery`: the request is for discovery/openapi/version. `name`: object written, or "".
  FaultDecision decide(const std::string& method, const std::string& path, bool discovery,
                       const std::string& name);

 private:
  mutable std::mutex mutex_;
  FaultSpec spec_;
  std::mt19937_64 rng_;
  long injected_ = 0;
};

}  // namespace kta
