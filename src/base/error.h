#pragma once
// One error type for the whole program: a message that already says what went wrong and what to
// do. Libraries throw it; the CLI edge catches it and prints `error: <message>`.
#include <stdexcept>
#include <string>

namespace ks {

class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message, int exit_code = 1)
      : std::runtime_error(message), exit_code_(exit_code) {}
  int exit_code() const { return exit_code_; }

 private:
  int exit_code_;
};

// Prefixes `context: ` to the message of any Error thrown by `fn`.
template <typename Fn>
auto with_context(const std::string& context, Fn&& fn) -> decltype(fn()) {
  try {
    return fn();
  } catch (const Error& e) {
    throw Error(context + ": " + e.what(), e.exit_code());
  }
}

}  // namespace ks
