#pragma once
// One fuzz target = one function ks_fuzz_NAME(data, size). Built with libFuzzer (KS_LIBFUZZER)
// it is also LLVMFuzzerTestOneInput; in the normal build corpus_test replays every corpus file
// through it, so each input that once crashed stays a regression test.
// Inputs may be rejected with an exception (ks::Error, or any std::exception, which the CLI
// reports as `error: ...`); a crash is a sanitizer report, an abort, a hang or a failed oracle.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#define KS_FUZZ_CHECK(cond) \
  do {                      \
    if (!(cond)) {          \
      __builtin_trap();     \
    }                       \
  } while (0)

#ifdef KS_LIBFUZZER
#define KS_FUZZ_TARGET(name)                                                \
  int ks_fuzz_##name(const uint8_t* data, size_t size);                     \
  extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) { \
    return ks_fuzz_##name(data, size);                                      \
  }                                                                         \
  int ks_fuzz_##name(const uint8_t* data, size_t size)
#else
#define KS_FUZZ_TARGET(name) int ks_fuzz_##name(const uint8_t* data, size_t size)
#endif

inline std::string fuzz_text(const uint8_t* data, size_t size) {
  return std::string(reinterpret_cast<const char*>(data), size);
}
