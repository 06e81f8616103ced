#include "render/vm.h"

#include <cstring>

#include "render/dialect.h"
#include "render/fast_std.h"
#include "render/jsonnet_api.h"
#include "render/natives.h"

namespace ks::render {

namespace {

char* copy_to_vm(JsonnetVm* vm, const std::string& s) {
  char* buf = jsonnet_realloc(vm, nullptr, s.size() + 1);
  std::memcpy(buf, s.c_str(), s.size() + 1);
  return buf;
}

// Jsonnet files get the fast std on their first line (see fast_std.h). Data files (importstr of
// YAML, text) do not; generated programs bring their own.
bool wants_fast_std(const std::string& path, const std::string& content) {
  auto ends = [&](const char* suffix) {
    size_t n = std::strlen(suffix);
    return path.size() >= n && path.compare(path.size() - n, n, suffix) == 0;
  };
  if (!ends(".jsonnet") && !ends(".libsonnet")) return false;
  return content.rfind("local __ks_params", 0) != 0 &&
         content.rfind("function(__ks_params", 0) != 0;
}

struct ImportContext {
  JsonnetVm* vm;
  Importer* importer;
  ImportLog* log = nullptr;
};

char* import_callback(void* ctx, const char* base, const char* rel, char** found_here,
                      int* success) {
  auto* ic = static_cast<ImportContext*>(ctx);
  auto found = ic->importer->resolve(base, rel, ic->log);
  if (!found) {
    *success = 0;
    return copy_to_vm(ic->vm, ic->importer->explain_missing(base, rel));
  }
  *found_here = copy_to_vm(ic->vm, found->path);
  *success = 1;
  if (wants_fast_std(found->path, *found->content))
    return copy_to_vm(ic->vm, fast_std_prelude() + rewrite_go_jsonnet_dialect(*found->content));
  return copy_to_vm(ic->vm, *found->content);
}

std::string take_result(JsonnetVm* vm, char* out, int error) {
  std::string text = out ? out : "";
  jsonnet_realloc(vm, out, 0);
  if (error) throw JsonnetError{text};
  return text;
}

}  // namespace

Vm::Vm(Importer& importer) : vm_(jsonnet_make()), importer_(importer) {
  jsonnet_max_stack(vm_, 500);
  auto* ctx = new ImportContext{vm_, &importer_};
  jsonnet_import_callback(vm_, import_callback, ctx);
  ctx_ = ctx;
  register_natives(vm_);
}

Vm::~Vm() {
  jsonnet_destroy(vm_);
  delete static_cast<ImportContext*>(ctx_);
}

void Vm::ext_code(const std::string& name, const std::string& code) {
  jsonnet_ext_code(vm_, name.c_str(), code.c_str());
}
void Vm::ext_str(const std::string& name, const std::string& value) {
  jsonnet_ext_var(vm_, name.c_str(), value.c_str());
}
void Vm::tla_code(const std::string& name, const std::string& code) {
  jsonnet_tla_code(vm_, name.c_str(), code.c_str());
}
void Vm::tla_str(const std::string& name, const std::string& value) {
  jsonnet_tla_var(vm_, name.c_str(), value.c_str());
}

void Vm::record_imports(ImportLog* log) {
  static_cast<ImportContext*>(ctx_)->log = log;
}

std::string Vm::evaluate_snippet(const std::string& filename, const std::string& code) {
  int error = 0;
  char* out = jsonnet_evaluate_snippet(vm_, filename.c_str(), code.c_str(), &error);
  return take_result(vm_, out, error);
}

std::string Vm::evaluate_file(const std::string& filename) {
  int error = 0;
  char* out = jsonnet_evaluate_file(vm_, filename.c_str(), &error);
  return take_result(vm_, out, error);
}

}  // namespace ks::render
