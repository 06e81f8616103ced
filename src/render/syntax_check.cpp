#include "render/syntax_check.h"

#include "render/jsonnet_api.h"

extern "C" {
#include <libjsonnet_fmt.h>
}

namespace ks::render {

SyntaxChecker::SyntaxChecker() : vm_(jsonnet_make()) {}

SyntaxChecker::~SyntaxChecker() {
  jsonnet_destroy(vm_);
}

std::string SyntaxChecker::error(const std::string& filename, const std::string& code) {
  // The generated program is handed to libjsonnet as a C string: a NUL would end it early.
  if (code.find('\0') != std::string::npos)
    return "STATIC ERROR: " + filename + ":1:1: the file contains a NUL byte";
  int failed = 0;
  // libjsonnet's formatter is its parser plus a printer: the only entry point that parses
  // without evaluating. The formatted text is discarded.
  char* out = jsonnet_fmt_snippet(vm_, filename.c_str(), code.c_str(), &failed);
  std::string text = out ? out : "";
  jsonnet_realloc(vm_, out, 0);
  return failed ? text : std::string();
}

}  // namespace ks::render
