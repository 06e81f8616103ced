// Validating a jsonnet expression given on the command line before it is written into a file.
#include <memory>

extern "C" {
#include <libjsonnet.h>
#include <libjsonnet_fmt.h>
}

#include "base/error.h"
#include "base/strings.h"
#include "edit/edit.h"
#include "edit/syntax.h"

namespace ks::edit {
namespace {

// libjsonnet's own parser (through its formatter, which parses without evaluating) as a second
// opinion, so ks accepts exactly what the evaluator will. Returns the error text, empty if none.
std::string reference_parse_error(const std::string& text) {
  std::unique_ptr<JsonnetVm, void (*)(JsonnetVm*)> vm(jsonnet_make(), jsonnet_destroy);
  int error = 0;
  char* out = jsonnet_fmt_snippet(vm.get(), "expression", text.c_str(), &error);
  std::string message = error && out ? out : "";
  jsonnet_realloc(vm.get(), out, 0);
  if (!error) return "";
  message = str::trim(message);
  std::size_t nl = message.find('\n');
  if (nl != std::string::npos) message.resize(nl);
  for (std::string_view prefix : {"STATIC ERROR: ", "expression:"}) {
    if (str::starts_with(message, prefix)) message.erase(0, prefix.size());
  }
  return message.empty() ? "not a valid jsonnet expression" : message;
}

}  // namespace

void check_expression(const std::string& text, const std::string& what) {
  if (text.find('\0') != std::string::npos) throw Error(what + ": contains a NUL byte");
  const std::string source = "expression";
  try {
    parse_syntax(text, source);
  } catch (const Error& e) {
    std::string why = e.what();
    if (str::starts_with(why, source + ":")) why.erase(0, source.size() + 1);
    throw Error(what + ": invalid jsonnet at " + why);
  }
  std::string reference = reference_parse_error(text);
  if (!reference.empty()) throw Error(what + ": invalid jsonnet at " + reference);
}

}  // namespace ks::edit
