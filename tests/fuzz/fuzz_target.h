#pragma once
// One fuzz target = one function ks_fuzz_NAME(data, size). Built with libFuzzer (KS_LIBFUZZER)
// it is also LLVMFuzzerTestOneInput; in the normal build corpus_test replays every corpus file
// through it, so each input that once crashed stays a regression test.
//
// A target catches only ks::Error from the step that parses the input (the input is rejected:
// it returns kRejected). Everything after that is an invariant on what ks accepted, checked
// outside any catch: a failed KS_FUZZ_CHECK, or any exception escaping, is a finding. Built with
// libFuzzer a finding aborts (trap); in corpus_test it throws InvariantBroken, which the test
// reports with the input's file name.
//
// Mutation check: built with -DKS_FUZZ_MUTATIONS, every target carries one deliberate breakage
// of its invariants (KS_FUZZ_MUTATE_IF), enabled when the environment variable KS_FUZZ_MUTATE
// names the target. fuzz_mutation_test runs the corpus that way and must see each target report
// it, which proves the targets' checks can fail.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

namespace ks_fuzz {

enum Outcome : int { kAccepted = 0, kRejected = 1 };

// Thrown by KS_FUZZ_CHECK outside libFuzzer; deliberately not a std::exception, so no
// `catch (const std::exception&)` in ks can swallow it.
struct InvariantBroken {
  std::string what;
};

// True when this build carries the mutations and KS_FUZZ_MUTATE names `target`.
inline bool mutating(const char* target) {
#ifdef KS_FUZZ_MUTATIONS
  const char* want = std::getenv("KS_FUZZ_MUTATE");
  return want && std::string(want) == target;
#else
  (void)target;
  return false;
#endif
}

}  // namespace ks_fuzz

#ifdef KS_LIBFUZZER
#define KS_FUZZ_CHECK(cond) \
  do {                      \
    if (!(cond)) {          \
      __builtin_trap();     \
    }                       \
  } while (0)
#else
#define KS_FUZZ_CHECK(cond)                                                                   \
  do {                                                                                        \
    if (!(cond)) {                                                                            \
      throw ks_fuzz::InvariantBroken{std::string(__FILE__) + ":" + std::to_string(__LINE__) + \
                                     ": fuzz invariant broken: " #cond};                      \
    }                                                                                         \
  } while (0)
#endif

// Runs `breakage` when the mutation check selects this target (see above).
#define KS_FUZZ_MUTATE_IF(target, breakage) \
  do {                                      \
    if (ks_fuzz::mutating(target)) {        \
      breakage;                             \
    }                                       \
  } while (0)

#ifdef KS_LIBFUZZER
#define KS_FUZZ_TARGET(name)                                                \
  int ks_fuzz_##name(const uint8_t* data, size_t size);                     \
  extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) { \
    ks_fuzz_##name(data, size);                                             \
    return 0;                                                               \
  }                                                                         \
  int ks_fuzz_##name(const uint8_t* data, size_t size)
#else
#define KS_FUZZ_TARGET(name) int ks_fuzz_##name(const uint8_t* data, size_t size)
#endif

inline std::string fuzz_text(const uint8_t* data, size_t size) {
  return std::string(reinterpret_cast<const char*>(data), size);
}
