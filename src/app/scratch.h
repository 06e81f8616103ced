#pragma once
// Scratch folders for work that is too big or too slow to do under the app's lock (fetching and
// checking a package before its transaction). They live in the app's .ksonnet/scratch/, on the
// app's file system, not in /tmp: a ks killed while installing a 200 MB package used to leave
// /tmp/ks-pkg-* behind forever. Beside each folder is a lock file its owner keeps locked (flock)
// for as long as it lives; the kernel drops the lock when the owner dies, so the next command
// that finds a folder's lock unlocked knows it is stale and removes both.
#include <filesystem>
#include <string>

#include "app/layout.h"

namespace ks::app {

class ScratchDir {
 public:
  // Removes stale scratch folders of the app, then creates a fresh one named PREFIX-XXXXXX.
  ScratchDir(const Layout& layout, const std::string& prefix);
  ~ScratchDir();  // removes the folder
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  // An empty folder for the caller.
  const std::filesystem::path& path() const { return work_; }

 private:
  std::filesystem::path dir_;
  std::filesystem::path work_;
  int lock_fd_ = -1;
};

// Removes the app's scratch folders whose owner is gone. Cheap when there are none.
void remove_stale_scratch(const Layout& layout);

}  // namespace ks::app
