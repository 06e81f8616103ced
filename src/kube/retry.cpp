#include "kube/retry.h"

#include <algorithm>
#include <cctype>
#include <ctime>
#include <random>
#include <thread>

#include "base/strings.h"

namespace ks::kube {

std::optional<double> parse_retry_after(const std::string& value, std::time_t now) {
  std::string v = str::trim(value);
  if (v.empty()) return std::nullopt;
  if (std::all_of(v.begin(), v.end(), [](unsigned char c) { return std::isdigit(c); })) {
    if (v.size() > 9) return std::nullopt;  // beyond any sensible wait; also avoids overflow
    return std::stod(v);
  }
  for (const char* format :
       {"%a, %d %b %Y %H:%M:%S GMT", "%A, %d-%b-%y %H:%M:%S GMT", "%a %b %d %H:%M:%S %Y"}) {
    std::tm tm{};
    const char* end = ::strptime(v.c_str(), format, &tm);
    if (!end || *end != '\0') continue;
    std::time_t at = ::timegm(&tm);
    return at > now ? static_cast<double>(at - now) : 0.0;
  }
  return std::nullopt;
}

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
  bool unanswered = false;
  for (int n = 1;; ++n) {
    Response r = attempt();
    r.earlier_attempt_unanswered = unanswered;
    if (!is_retryable(r)) return r;
    if (n >= policy.max_attempts) {
      r.transport_error +=
          r.status == 0 ? " (gave up after " + std::to_string(n) + " attempts, the retry limit)"
                        : "";
      return r;
    }
    auto delay = retry_delay(policy, n, r, unit(rng));
    if (waited + delay > policy.max_total) {
      if (r.status == 0)
        r.transport_error += " (gave up after " + std::to_string(n) + " attempts: another wait " +
                             "would pass the retry time limit of " +
                             std::to_string(policy.max_total.count() / 1000) + "s)";
      return r;
    }
    waited += delay;
    if (r.status == 0 && !r.connect_refused) unanswered = true;
    if (policy.on_retry) policy.on_retry(n, r);
    if (policy.on_delay) policy.on_delay(delay, n, r);
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

}  // namespace ks::kube
