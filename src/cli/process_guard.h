#pragma once
// The process-wide settings and guards of a ks run, decided once at start-up (main.cpp) and
// passed down as values: the libraries below the CLI read no environment variables for them and
// change no process state.
namespace ks::cli {

struct ProcessSettings {
  // KS_RENDER_THREADS (like GOMAXPROCS, for benchmarks and shared CI machines); 0: one per core.
  int render_threads = 0;
  // KS_MAX_MEMORY_MB: the address-space limit; 0 = none; -1 (unset): physical memory plus 1 GiB
  // plus 128 MiB of headroom per render thread.
  long long max_memory_mb = -1;
};

// Reads the settings from the environment.
ProcessSettings read_process_settings();

// Resource bound: a component that allocates without bound must stop with an error, not take the
// machine down. libjsonnet aborts the process when an allocation fails, so ks runs under an
// address-space limit (RLIMIT_AS) and a SIGABRT handler that turns that abort into a one-line
// error and exit code 1. Installed once, for the whole process; not in AddressSanitizer builds
// (ASan reserves terabytes of address space). Also records `settings` for startup_settings().
void install_process_guard(const ProcessSettings& settings);

// The settings install_process_guard() recorded (defaults when it was not called, as in tests).
const ProcessSettings& startup_settings();

}  // namespace ks::cli
