#pragma once
// Ctrl-C during a deploy: while an InterruptGuard lives, the first SIGINT only sets flag() (so
// the command stops sending new requests, lets those in flight finish and reports what was
// done); a second SIGINT quits at once.
#include <atomic>
#include <csignal>

namespace ks::cli {

class InterruptGuard {
 public:
  InterruptGuard();
  ~InterruptGuard();  // restores the previous handler
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

  const std::atomic<bool>* flag() const;

 private:
  struct sigaction old_ {};
};

}  // namespace ks::cli
