#pragma once
// File-system helpers. Every write to a user's file goes through write_file_atomic: the content is
// written to a temp file beside the target, fsynced, then renamed over it, so a crash leaves either
// the old or the new file, never a torn one.
#include <filesystem>
#include <string>
#include <vector>

namespace ks::fs {

namespace stdfs = std::filesystem;

std::string read_file(const stdfs::path& path);
bool read_file_if_exists(const stdfs::path& path, std::string& out);
void write_file_atomic(const stdfs::path& path, const std::string& content, unsigned mode = 0644);
void fsync_dir(const stdfs::path& dir);

// A fresh, private directory under the system temp dir (or under `parent` when given).
stdfs::path make_temp_dir(const std::string& prefix, const stdfs::path& parent = {});

// Names of regular files and directories directly in `dir`, sorted.
std::vector<std::string> list_dir(const stdfs::path& dir);

// `path` relative to `base` with forward slashes, or empty when it is not below base.
std::string relative_below(const stdfs::path& path, const stdfs::path& base);

// Removes a temp directory tree on scope exit unless released.
class TempDir {
 public:
  explicit TempDir(const std::string& prefix, const stdfs::path& parent = {});
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const stdfs::path& path() const { return path_; }
  void release() { path_.clear(); }

 private:
  stdfs::path path_;
};

}  // namespace ks::fs
