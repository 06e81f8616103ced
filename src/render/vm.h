#pragma once
// One libjsonnet VM (use one per thread), with ks's import resolution and native functions.
#include <map>
#include <string>

#include "render/importer.h"

struct JsonnetVm;

namespace ks::render {

class Vm {
 public:
  explicit Vm(Importer& importer);
  ~Vm();
  Vm(const Vm&) = delete;
  Vm& operator=(const Vm&) = delete;

  void ext_code(const std::string& name, const std::string& code);
  void ext_str(const std::string& name, const std::string& value);
  void tla_code(const std::string& name, const std::string& code);
  void tla_str(const std::string& name, const std::string& value);
  // Every file the import callback looks at from now on is appended to `log` (the render cache's
  // record of what an evaluation read). The log must outlive the evaluations.
  void record_imports(ImportLog* log);

  // Returns the JSON text of the result; throws JsonnetError with libjsonnet's message.
  std::string evaluate_snippet(const std::string& filename, const std::string& code);
  std::string evaluate_file(const std::string& filename);

 private:
  JsonnetVm* vm_;
  Importer& importer_;
  void* ctx_ = nullptr;  // the import callback's context
};

// The raw libjsonnet error text (first line "RUNTIME ERROR: ..." or "STATIC ERROR: ...",
// then one trace line per frame).
struct JsonnetError {
  std::string text;
};

}  // namespace ks::render
