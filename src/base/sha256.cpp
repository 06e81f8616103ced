#include "base/sha256.h"

#include <openssl/evp.h>

#include "base/error.h"
#include "base/shared_library.h"

namespace ks::sha256 {

namespace {

// The few libcrypto functions hashing needs, resolved once.
struct Crypto {
  decltype(&EVP_MD_CTX_new) ctx_new;
  decltype(&EVP_MD_CTX_free) ctx_free;
  decltype(&EVP_sha256) sha256;
  decltype(&EVP_DigestInit_ex) init;
  decltype(&EVP_DigestUpdate) update;
  decltype(&EVP_DigestFinal_ex) final;
};

const Crypto& crypto() {
  static const Crypto loaded = [] {
    static SharedLibrary library("libcrypto.so.3", "libssl3");
    auto get = [](auto& fn, const char* name) {
      fn = library.function<std::remove_reference_t<decltype(fn)>>(name);
    };
    Crypto c{};
    get(c.ctx_new, "EVP_MD_CTX_new");
    get(c.ctx_free, "EVP_MD_CTX_free");
    get(c.sha256, "EVP_sha256");
    get(c.init, "EVP_DigestInit_ex");
    get(c.update, "EVP_DigestUpdate");
    get(c.final, "EVP_DigestFinal_ex");
    return c;
  }();
  return loaded;
}

}  // namespace

Hasher::Hasher() : context_(crypto().ctx_new()) {
  if (!context_ ||
      crypto().init(static_cast<EVP_MD_CTX*>(context_), crypto().sha256(), nullptr) != 1)
    throw Error("internal: libcrypto could not start a SHA-256 digest");
}

Hasher::~Hasher() {
  crypto().ctx_free(static_cast<EVP_MD_CTX*>(context_));
}

void Hasher::update(std::string_view bytes) {
  crypto().update(static_cast<EVP_MD_CTX*>(context_), bytes.data(), bytes.size());
}

std::string Hasher::finish() {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  crypto().final(static_cast<EVP_MD_CTX*>(context_), out, &len);
  return std::string(reinterpret_cast<char*>(out), len);
}

std::string digest(std::string_view bytes) {
  Hasher h;
  h.update(bytes);
  return h.finish();
}

std::string hex(std::string_view raw) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  out.reserve(raw.size() * 2);
  for (unsigned char c : raw) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

}  // namespace ks::sha256
