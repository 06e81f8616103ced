#pragma once
// SHA-256 through libcrypto (OpenSSL).
#include <string>
#include <string_view>

namespace ks::sha256 {

// Incremental hashing of several pieces.
class Hasher {
 public:
  Hasher();
  ~Hasher();
  Hasher(const Hasher&) = delete;
  Hasher& operator=(const Hasher&) = delete;
  void update(std::string_view bytes);
  std::string finish();  // the raw 32-byte digest

 private:
  void* context_;
};

std::string digest(std::string_view bytes);  // the raw 32-byte digest
std::string hex(std::string_view raw);       // lower-case hex of any bytes

}  // namespace ks::sha256
