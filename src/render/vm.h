#pragma once
// One libjsonnet VM (use one per thread), with ks's import resolution and native functions.
#include <map>
#include <string>

#include "render/importer.h"

struct JsonnetVm;

namespace ks::render {

namespace stdlib {
struct Overrides;
}

class Vm {
 public:
  // With the std overrides of the linked libjsonnet (stdlib::linked_overrides()).
  explicit Vm(Importer& importer);
  // With `overrides` (which must outlive the VM): tests use other versions' overrides.
  Vm(Importer& importer, const stdlib::Overrides& overrides);
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
