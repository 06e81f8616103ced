#pragma once
// No silent waits: anything in apply/delete that waits says what it waits for once the wait has
// lasted 2 s, then every 10 s, naming the bound that will end it (`--timeout 5m`). The CLI shows
// these notices on its status line on a terminal and as lines otherwise.
#include <chrono>
#include <functional>
#include <string>

namespace ks::kube {

using WaitFn = std::function<void(const std::string&)>;

// `45s`, `5m`, `1h30m`: how durations are shown in notices and expiry messages.
std::string duration_text(std::chrono::seconds d);

class WaitNotice {
 public:
  // `what`: e.g. `deployment default/web to become ready`; `bound`: e.g. `--timeout 5m`.
  WaitNotice(WaitFn sink, std::string what, std::string bound);
  // Call from the waiting loop; emits `waiting for <what>: <detail> (12s so far, up to <bound>)`
  // when a notice is due. Without a sink it does nothing.
  void tick(const std::string& detail = "");

 private:
  WaitFn sink_;
  std::string what_, bound_;
  std::chrono::steady_clock::time_point start_, next_;
};

}  // namespace ks::kube
