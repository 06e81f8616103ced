#pragma once
// The render cache's files: one entry per key under DIR/XX/KEY, each written to a temp file and
// renamed into place (a reader sees the old entry or the new one, never a torn one) and carrying
// a SHA-256 of its payload (a truncated or corrupt entry is removed and reported as a miss, never
// trusted). Bounded: writers add their bytes to DIR/usage under a lock, and when it passes the
// limit the least recently used entries (by mtime, refreshed on every hit that is older than a
// few minutes) are removed until the cache is at 80% of it. Failures to read or write the cache
// never fail a render: the entry is simply missed or not stored.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace ks::render {

struct CacheStoreInfo {
  std::uint64_t entries = 0;
  std::uint64_t bytes = 0;
};

class CacheStore {
 public:
  CacheStore(std::filesystem::path dir, std::uint64_t max_bytes);

  // `key`: lower-case hex, at least 3 characters.
  std::optional<std::string> get(const std::string& key);
  void put(const std::string& key, const std::string& payload);

  // Every entry (and leftover temp file) removed; returns what was there.
  CacheStoreInfo clear();
  CacheStoreInfo info() const;
  // Removes the least recently used entries until the cache holds at most `target` bytes.
  void evict_to(std::uint64_t target);

  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path entry_path(const std::string& key) const;
  void add_usage(std::int64_t bytes);

  std::filesystem::path dir_;
  std::uint64_t max_bytes_;
};

}  // namespace ks::render
