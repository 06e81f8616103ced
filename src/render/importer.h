#pragma once
// Resolves jsonnet imports the way ksonnet did: the importing file's folder first, then the
// search path, highest priority first. Versioned packages vendored by ksonnet as
// vendor/REG/PKG@VERSION are found under their plain name REG/PKG. Virtual files (generated
// code) are served from memory. File contents are cached and shared between threads.
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace ks::render {

namespace stdfs = std::filesystem;

struct ImportConfig {
  std::vector<stdfs::path> search_path;                     // highest priority first
  std::map<std::string, stdfs::path> package_aliases;       // "REG/PKG" → vendor/REG/PKG@VERSION
  std::map<std::string, std::string> virtual_files;         // absolute path → content
};

class Importer {
 public:
  explicit Importer(ImportConfig config) : config_(std::move(config)) {}

  struct Found {
    std::string path;  // absolute, normalised
    const std::string* content;
  };
  // `base` is the importing file's folder (absolute); nullopt when nothing matches.
  std::optional<Found> resolve(const std::string& base, const std::string& rel);

 private:
  const std::string* load(const stdfs::path& path);

  ImportConfig config_;
  std::mutex mutex_;
  std::map<std::string, std::unique_ptr<std::string>> cache_;  // path → content ("" pointer = missing)
};

}  // namespace ks::render
