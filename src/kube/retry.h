#pragma once
// When and how long to wait before trying a request again: 429 (honouring Retry-After), 5xx and
// dropped connections are retried with exponential backoff and jitter, bounded in attempts and
// total time; other 4xx never. All ks writes are declarative (server-side apply, delete), so a
// request whose connection dropped may be sent again.
#include <chrono>
#include <ctime>
#include <functional>
#include <optional>
#include <string>

#include "kube/http_client.h"

namespace ks::kube {

struct RetryPolicy {
  int max_attempts = 8;  // including the first
  std::chrono::milliseconds initial_delay{200};
  std::chrono::milliseconds max_delay{10000};
  std::chrono::milliseconds max_total{60000};  // no retry would start after this much waiting
  // Optional: told before each retry's delay (the CLI's progress line counts them). May be
  // called from several threads at once.
  std::function<void(int attempt, const Response& response)> on_retry;
  // Optional: told of every delay before it is slept (for waits long enough to announce).
  std::function<void(std::chrono::milliseconds delay, int attempt, const Response& response)>
      on_delay;
};

// A Retry-After header value in seconds from `now`: delta-seconds (`120`) or an HTTP-date
// (`Wed, 21 Oct 2015 07:28:00 GMT`, also the obsolete RFC 850 and asctime forms, RFC 9110
// §10.2.3); a date in the past is 0. Nullopt when the value is neither.
std::optional<double> parse_retry_after(const std::string& value, std::time_t now);

bool is_retryable(const Response& response);

// Delay before attempt `attempt + 1` (attempt counts from 1): Retry-After when the server sent
// one (capped at max_delay), else initial_delay * 2^(attempt-1) capped at max_delay, scaled by
// `jitter` in [0, 1) to between 50% and 100%.
std::chrono::milliseconds retry_delay(const RetryPolicy& policy, int attempt,
                                      const Response& response, double jitter);

// Sends `request` until it succeeds, fails for good, or the policy is exhausted; returns the
// last response. `sleep` is injectable for tests.
using SleepFn = std::function<void(std::chrono::milliseconds)>;
Response send_with_retry(HttpClient& client, const Request& request, const RetryPolicy& policy,
                         const SleepFn& sleep = {});
Response send_with_retry(const std::function<Response()>& attempt, const RetryPolicy& policy,
                         const SleepFn& sleep = {});

}  // namespace ks::kube
