// The libcurl functions ks calls, forwarded to libcurl.so.4 opened on first use, so commands that
// make no HTTP request never map libcurl and its ~25 dependencies (see base/shared_library.h).
// The variadic setters read their one argument with the type libcurl itself reads it as.
#define CURL_DISABLE_TYPECHECK
#include <curl/curl.h>

#include <cstdarg>

#include "base/shared_library.h"

namespace {

ks::SharedLibrary& libcurl() {
  static ks::SharedLibrary library("libcurl.so.4", "libcurl4");
  return library;
}

}  // namespace

// Each forwarder resolves its function once (a function-local static).
#define KS_CURL(name) static const auto real = libcurl().function<decltype(&::name)>(#name)
// clang-analyzer does not see va_start through libcurl's variadic declarations.
// NOLINTBEGIN(clang-analyzer-valist.Uninitialized)
extern "C" {

CURLcode curl_global_init(long flags) {
  KS_CURL(curl_global_init);
  return real(flags);
}

CURL* curl_easy_init() {
  KS_CURL(curl_easy_init);
  return real();
}

void curl_easy_cleanup(CURL* handle) {
  KS_CURL(curl_easy_cleanup);
  real(handle);
}

void curl_easy_reset(CURL* handle) {
  KS_CURL(curl_easy_reset);
  real(handle);
}

CURLcode curl_easy_perform(CURL* handle) {
  KS_CURL(curl_easy_perform);
  return real(handle);
}

const char* curl_easy_strerror(CURLcode code) {
  KS_CURL(curl_easy_strerror);
  return real(code);
}

CURLcode curl_easy_setopt(CURL* handle, CURLoption option, ...) {
  KS_CURL(curl_easy_setopt);
  va_list args;
  va_start(args, option);
  CURLcode result;
  // The branches read different types (long, curl_off_t, pointer) that share a size here.
  if (option < CURLOPTTYPE_OBJECTPOINT) {  // NOLINT(bugprone-branch-clone)
    result = real(handle, option, va_arg(args, long));
  } else if (option >= CURLOPTTYPE_OFF_T && option < CURLOPTTYPE_BLOB) {
    result = real(handle, option, va_arg(args, curl_off_t));
  } else {  // object, string, function and blob pointers
    result = real(handle, option, va_arg(args, void*));
  }
  va_end(args);
  return result;
}

CURLcode curl_easy_getinfo(CURL* handle, CURLINFO info, ...) {
  KS_CURL(curl_easy_getinfo);
  va_list args;
  va_start(args, info);
  CURLcode result = real(handle, info, va_arg(args, void*));
  va_end(args);
  return result;
}

CURLSH* curl_share_init() {
  KS_CURL(curl_share_init);
  return real();
}

CURLSHcode curl_share_cleanup(CURLSH* share) {
  KS_CURL(curl_share_cleanup);
  return real(share);
}

CURLSHcode curl_share_setopt(CURLSH* share, CURLSHoption option, ...) {
  KS_CURL(curl_share_setopt);
  va_list args;
  va_start(args, option);
  CURLSHcode result;
  if (option == CURLSHOPT_SHARE || option == CURLSHOPT_UNSHARE) {  // NOLINT(bugprone-branch-clone)
    result = real(share, option, va_arg(args, int));
  } else {  // lock and unlock functions, user data
    result = real(share, option, va_arg(args, void*));
  }
  va_end(args);
  return result;
}

curl_slist* curl_slist_append(curl_slist* list, const char* text) {
  KS_CURL(curl_slist_append);
  return real(list, text);
}

void curl_slist_free_all(curl_slist* list) {
  KS_CURL(curl_slist_free_all);
  real(list);
}

}  // extern "C"
// NOLINTEND(clang-analyzer-valist.Uninitialized)
