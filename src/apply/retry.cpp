#include "apply/retry.h"

#include <algorithm>
#include <random>
#include <thread>

namespace ks::apply {

bool is_retryable(const Response& r) {
  return r.status == 0 || r.status == 429 || r.status >= 500;
}

std::chrono::milliseconds retry_delay(const RetryPolicy& policy, int attempt,
                                      const Response& response, double jitter) {
  using std::chrono::milliseconds;
  if (response.retry_after_seconds && *response.retry_after_seconds >= 0) {
    auto ms = milliseconds(static_cast<long long>(*response.retry_after_seconds * 1000));
    return std::min(ms, policy.max_delay);
  }
  long long base = policy.initial_delay.count();
  for (int i = 1; i < attempt && base < policy.max_delay.count(); ++i) base *= 2;
  base = std::min(base, static_cast<long long>(policy.max_delay.count()));
  return milliseconds(static_cast<long long>(base * (0.5 + 0.5 * std::clamp(jitter, 0.0, 1.0))));
}

Response send_with_retry(const std::function<Response()>& attempt, const RetryPolicy& policy,
                         const SleepFn& sleep) {
  thread_local std::mt19937 rng{std::random_device{}()};
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::chrono::milliseconds waited{0};
  for (int n = 1;; ++n) {
    Response r = attempt();
    if (!is_retryable(r) || n >= policy.max_attempts) return r;
    auto delay = retry_delay(policy, n, r, unit(rng));
    if (waited + delay > policy.max_total) return r;
    waited += delay;
    if (policy.on_retry) policy.on_retry(n, r);
    if (sleep)
      sleep(delay);
    else
      std::this_thread::sleep_for(delay);
  }
}

Response send_with_retry(HttpClient& client, const Request& request, const RetryPolicy& policy,
                         const SleepFn& sleep) {
  return send_with_retry([&] { return client.send(request); }, policy, sleep);
}

}  // namespace ks::apply
