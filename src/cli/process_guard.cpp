#include "cli/process_guard.h"

#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <thread>

namespace ks::cli {

namespace {

#if defined(__SANITIZE_ADDRESS__)
#define KS_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define KS_UNDER_ASAN 1
#endif
#endif

ProcessSettings g_settings;  // written once, by install_process_guard, before any thread starts
char g_oom_message[200];     // a signal handler can only reach a global

void on_abort(int) {
  // Nothing is left to do when stderr cannot be written: the exit code still says it.
  [[maybe_unused]] const ssize_t written = ::write(2, g_oom_message, std::strlen(g_oom_message));
  ::_exit(1);
}

// The limit in MiB for `settings`, or 0 for none.
long long memory_limit_mb(const ProcessSettings& settings) {
  if (settings.max_memory_mb >= 0) return settings.max_memory_mb;
  int threads = settings.render_threads > 0
                    ? settings.render_threads
                    : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  long long phys = static_cast<long long>(::sysconf(_SC_PHYS_PAGES)) * ::sysconf(_SC_PAGE_SIZE);
  return phys / (1024LL * 1024) + 1024 + 128LL * threads;
}

void limit_memory(long long mb) {
  if (mb == 0) return;
  rlimit old{};
  if (::getrlimit(RLIMIT_AS, &old) != 0) return;
  rlim_t bytes = static_cast<rlim_t>(mb) * 1024 * 1024;
  if (old.rlim_cur != RLIM_INFINITY && old.rlim_cur <= bytes) return;
  std::snprintf(g_oom_message, sizeof g_oom_message,
                "error: rendering ran out of memory (limit %lld MiB); a component allocates "
                "without bound, or set KS_MAX_MEMORY_MB to raise the limit\n",
                mb);
  struct sigaction sa {};
  sa.sa_handler = on_abort;
  sigemptyset(&sa.sa_mask);
  struct sigaction old_abort {};
  if (::sigaction(SIGABRT, &sa, &old_abort) != 0) return;
  rlimit limit{};
  limit.rlim_cur = bytes;
  limit.rlim_max = old.rlim_max;
  if (::setrlimit(RLIMIT_AS, &limit) != 0) ::sigaction(SIGABRT, &old_abort, nullptr);
}

}  // namespace

ProcessSettings read_process_settings() {
  ProcessSettings s;
  if (const char* v = std::getenv("KS_RENDER_THREADS"); v && std::atoi(v) > 0)
    s.render_threads = std::atoi(v);
  if (const char* v = std::getenv("KS_MAX_MEMORY_MB"); v && *v) s.max_memory_mb = std::atoll(v);
  return s;
}

void install_process_guard(const ProcessSettings& settings) {
  g_settings = settings;
#ifndef KS_UNDER_ASAN
  limit_memory(memory_limit_mb(settings));
#endif
}

const ProcessSettings& startup_settings() {
  return g_settings;
}

}  // namespace ks::cli
