#pragma once
// All-or-nothing changes to an app. A command stages every file it wants to write or remove, then
// commits: staged content is written under .ksonnet/tmp/, a journal listing every step is written
// atomically, the steps run, and the journal is removed. A process killed at any point leaves
// either the old app or (after the next command replays the journal) the new one.
// A Transaction also holds the app's lock, so two ks processes never edit one app at once.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "app/layout.h"

namespace ks::app {

class AppLock {
 public:
  // Blocks (printing one line to stderr while it waits) until no other ks process edits the app.
  explicit AppLock(const Layout& layout);
  ~AppLock();
  AppLock(const AppLock&) = delete;
  AppLock& operator=(const AppLock&) = delete;

 private:
  int fd_ = -1;
};

class Transaction {
 public:
  explicit Transaction(const Layout& layout);
  ~Transaction();  // an uncommitted transaction discards what it staged
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  void write(const stdfs::path& path, const std::string& content);
  void remove(const stdfs::path& path);  // a file or a whole folder; missing is fine
  // A folder prepared by the caller inside staging_dir() replaces `target` (created or replaced).
  void install_dir(const stdfs::path& staged, const stdfs::path& target);
  // Where callers may build folders for install_dir (same file system as the app).
  const stdfs::path& staging_dir() const { return staging_; }
  // Commit refuses (writing nothing) unless `path` still holds `content`.
  void expect_unchanged(const stdfs::path& path, std::string content);
  // Content staged for `path` in this transaction, if any (lets later steps read earlier ones).
  const std::string* staged_content(const stdfs::path& path) const;
  void commit();

 private:
  struct Step {
    std::string op;  // "write", "remove", "dir"
    stdfs::path from;
    stdfs::path to;
    std::string content;
  };
  Layout layout_;
  AppLock lock_;
  stdfs::path staging_;
  std::vector<Step> steps_;
  std::vector<std::pair<stdfs::path, std::string>> expected_;
  bool committed_ = false;
};

// Finishes a transaction that a killed process left behind (and removes stale staging folders).
// Safe to call at any time; takes the lock only when there is something to do.
void recover(const Layout& layout);

}  // namespace ks::app
