#pragma once
// Resolves jsonnet imports the way ksonnet did: the importing file's folder first, then the
// search path, highest priority first. Versioned packages vendored by ksonnet as
// vendor/REG/PKG@VERSION are found under their plain name REG/PKG. Virtual files (generated
// code) are served from memory. File contents are cached and shared between threads.
// Sandbox: when `allowed_roots` is set, a file is only read when its real path (symlinks
// resolved) lies below one of them, so a component cannot read ~/.kube/config or /etc.
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace ks::render {

namespace stdfs = std::filesystem;

// One file the importer looked at: its content, or null when nothing (readable) was there. The
// render cache records every probe, misses included, since a file appearing earlier on the search
// path changes what an import means.
struct ImportProbe {
  std::string path;
  const std::string* content;  // owned by the Importer (or its config); null: missing or refused
};
using ImportLog = std::vector<ImportProbe>;

struct ImportConfig {
  std::vector<stdfs::path> search_path;                // highest priority first
  std::map<std::string, stdfs::path> package_aliases;  // "REG/PKG" → vendor/REG/PKG@VERSION
  std::map<std::string, std::string> virtual_files;    // absolute path → content
  std::vector<stdfs::path> allowed_roots;              // empty: no sandbox
};

class Importer {
 public:
  explicit Importer(ImportConfig config);

  struct Found {
    std::string path;  // absolute, normalised
    const std::string* content;
  };
  // `base` is the importing file's folder (absolute); nullopt when nothing matches.
  // Every candidate tried is appended to `log` when given.
  std::optional<Found> resolve(const std::string& base, const std::string& rel,
                               ImportLog* log = nullptr);
  // What resolve would read at exactly `path` (absolute, normalised): content or null.
  const std::string* probe(const std::string& path) { return load(path); }
  const ImportConfig& config() const { return config_; }
  // Why resolve(base, rel) found nothing, for the error message.
  std::string explain_missing(const std::string& base, const std::string& rel);

 private:
  struct Entry {
    std::unique_ptr<std::string> content;  // null: missing or refused
    bool refused = false;                  // exists, but outside the sandbox
  };
  const std::string* load(const stdfs::path& path);
  bool allowed(const stdfs::path& path) const;

  std::vector<stdfs::path> real_roots_;
  ImportConfig config_;
  std::mutex mutex_;
  std::map<std::string, Entry> cache_;  // path → content
};

}  // namespace ks::render
