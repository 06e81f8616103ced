#include "base/shared_library.h"

#include <dlfcn.h>

#include <utility>

#include "base/error.h"

namespace ks {

SharedLibrary::SharedLibrary(std::string soname, std::string package)
    : soname_(std::move(soname)), package_(std::move(package)) {}

void* SharedLibrary::symbol(const char* name) {
  std::call_once(opened_, [this] {
    handle_ = dlopen(soname_.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle_) {
      const char* why = dlerror();
      open_error_ = why ? why : "unknown error";
    }
  });
  if (!handle_) {
    throw Error("cannot load " + soname_ + " (" + open_error_ + "): install Debian's " + package_ +
                " package (apt-get install " + package_ + ")");
  }
  void* address = dlsym(handle_, name);
  if (!address) {
    throw Error(soname_ + " has no function " + name + ": install Debian's " + package_ +
                " package of the version ks was built against");
  }
  return address;
}

}  // namespace ks
