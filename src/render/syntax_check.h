#pragma once
// Parses a jsonnet file on its own, without evaluating it. Components are pasted into one
// generated program; one that parses on its own is one complete expression, so inside the
// parentheses it is pasted into it cannot close them, and nothing it binds can reach another
// component. A component that does not parse alone is never pasted.
#include <string>

struct JsonnetVm;

namespace ks::render {

class SyntaxChecker {
 public:
  SyntaxChecker();
  ~SyntaxChecker();
  SyntaxChecker(const SyntaxChecker&) = delete;
  SyntaxChecker& operator=(const SyntaxChecker&) = delete;

  // Empty when `code` parses; else libjsonnet's "STATIC ERROR: FILENAME:L:C: message" text,
  // positions in `filename`'s own lines and columns.
  std::string error(const std::string& filename, const std::string& code);

 private:
  JsonnetVm* vm_;
};

}  // namespace ks::render
