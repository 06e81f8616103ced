#include "kube/wait_notice.h"

namespace ks::kube {

namespace {

constexpr auto kFirstNotice = std::chrono::seconds(2);
constexpr auto kNoticeEvery = std::chrono::seconds(10);

}  // namespace

std::string duration_text(std::chrono::seconds d) {
  long long s = d.count();
  if (s < 60 || (s < 600 && s % 60 != 0)) return std::to_string(s) + "s";
  std::string out;
  if (s >= 3600) out += std::to_string(s / 3600) + "h";
  if (s % 3600 >= 60) out += std::to_string(s % 3600 / 60) + "m";
  if (s % 60 != 0) out += std::to_string(s % 60) + "s";
  return out;
}

WaitNotice::WaitNotice(WaitFn sink, std::string what, std::string bound)
    : sink_(std::move(sink)),
      what_(std::move(what)),
      bound_(std::move(bound)),
      start_(std::chrono::steady_clock::now()),
      next_(start_ + kFirstNotice) {}

void WaitNotice::tick(const std::string& detail) {
  auto now = std::chrono::steady_clock::now();
  if (!sink_ || now < next_) return;
  next_ = now + kNoticeEvery;
  auto waited = std::chrono::duration_cast<std::chrono::seconds>(now - start_);
  sink_("waiting for " + what_ + (detail.empty() ? "" : ": " + detail) + " (" +
        duration_text(waited) + " so far, up to " + bound_ + ")");
}

}  // namespace ks::kube
