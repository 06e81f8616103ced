#pragma once
// Durations written the way kubectl and Go write them: `90s`, `1m30s`, `1.5h`, `300ms`; a bare
// number keeps ks's older meaning of seconds (`--timeout 300`).
#include <chrono>
#include <string_view>

namespace ks::duration {

// Parses `text` (Go's time.ParseDuration units: ns, us/µs, ms, s, m, h; no sign). Throws
// ks::Error naming `flag` and an example when it is not a duration.
std::chrono::milliseconds parse(std::string_view text, std::string_view flag);

}  // namespace ks::duration
