#pragma once
// A Debian shared library opened the first time one of its functions is needed. libcurl, libgit2
// and libcrypto bring about 35 more libraries with them; mapping and relocating those costs every
// command ~4 ms at start-up, most of `ks version`'s time, although only HTTP, git and hashing use
// them. The forwarding files (apply/curl_loader.cpp, registry/git_loader.cpp, base/sha256.cpp)
// resolve each function once through this.
#include <mutex>
#include <string>

namespace ks {

class SharedLibrary {
 public:
  // `soname` as the runtime package installs it (libcurl.so.4), `package` for the error message.
  SharedLibrary(std::string soname, std::string package);
  SharedLibrary(const SharedLibrary&) = delete;
  SharedLibrary& operator=(const SharedLibrary&) = delete;

  // The address of `name`; throws ks::Error naming the library and the package to install.
  void* symbol(const char* name);
  // `name` as a function of type Fn, e.g. function<decltype(&curl_easy_init)>("curl_easy_init").
  template <typename Fn>
  Fn function(const char* name) {
    return reinterpret_cast<Fn>(symbol(name));
  }

 private:
  std::string soname_;
  std::string package_;
  std::once_flag opened_;
  void* handle_ = nullptr;
  std::string open_error_;
};

}  // namespace ks
