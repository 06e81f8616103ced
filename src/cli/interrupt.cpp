#include "cli/interrupt.h"

#include <unistd.h>

namespace ks::cli {

namespace {

// A signal handler can only reach a global.
std::atomic<bool> g_interrupted{false};

void on_sigint(int) {
  if (g_interrupted.exchange(true)) {
    ::signal(SIGINT, SIG_DFL);
    ::raise(SIGINT);
    return;
  }
  const char msg[] =
      "\ninterrupted: waiting for requests in flight; no new requests are sent (Ctrl-C again "
      "quits at once)\n";
  ssize_t ignored = ::write(2, msg, sizeof msg - 1);
  (void)ignored;
}

}  // namespace

InterruptGuard::InterruptGuard() {
  g_interrupted = false;
  struct sigaction sa {};
  sa.sa_handler = on_sigint;
  sigemptyset(&sa.sa_mask);
  ::sigaction(SIGINT, &sa, &old_);
}

InterruptGuard::~InterruptGuard() {
  ::sigaction(SIGINT, &old_, nullptr);
}

const std::atomic<bool>* InterruptGuard::flag() const {
  return &g_interrupted;
}

}  // namespace ks::cli
