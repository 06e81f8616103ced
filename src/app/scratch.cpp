#include "app/scratch.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>

#include "base/error.h"
#include "base/fs.h"

namespace ks::app {

namespace stdfs = std::filesystem;

namespace {

// The owner's lock sits beside its folder (PREFIX-XXXXXX.lock), created before the folder and
// removed after it, so a process killed while removing its folder still leaves a lock file
// that the next command finds unlocked.
stdfs::path lock_of(const stdfs::path& dir) {
  return stdfs::path(dir.string() + ".lock");
}

stdfs::path scratch_root(const Layout& layout) {
  return layout.dot_ksonnet() / "scratch";
}

// True when a live process holds `dir`'s owner lock, or when the folder is so new that its owner
// may not have created its lock yet.
bool in_use(const stdfs::path& dir) {
  int fd = ::open(lock_of(dir).c_str(), O_RDWR | O_CLOEXEC);
  if (fd < 0) {
    std::error_code ec;
    auto age = stdfs::file_time_type::clock::now() - stdfs::last_write_time(dir, ec);
    return !ec && age < std::chrono::minutes(10);
  }
  bool locked = ::flock(fd, LOCK_EX | LOCK_NB) != 0;
  ::close(fd);
  return locked;
}

}  // namespace

void remove_stale_scratch(const Layout& layout) {
  std::error_code ec;
  stdfs::path root = scratch_root(layout);
  if (!stdfs::is_directory(root, ec)) return;
  for (const auto& e : stdfs::directory_iterator(root, ec)) {
    if (e.is_symlink(ec)) continue;
    if (e.is_directory(ec)) {
      if (!in_use(e.path())) {
        stdfs::remove_all(e.path(), ec);
        stdfs::remove(lock_of(e.path()), ec);
      }
    } else if (e.path().extension() == ".lock" &&
               !stdfs::exists(e.path().parent_path() / e.path().stem())) {
      // A lock left by an owner killed after removing its folder.
      int fd = ::open(e.path().c_str(), O_RDWR | O_CLOEXEC);
      if (fd >= 0 && ::flock(fd, LOCK_EX | LOCK_NB) == 0) stdfs::remove(e.path(), ec);
      if (fd >= 0) ::close(fd);
    }
  }
}

ScratchDir::ScratchDir(const Layout& layout, const std::string& prefix) {
  remove_stale_scratch(layout);
  std::error_code ec;
  stdfs::create_directories(scratch_root(layout), ec);
  // The lock comes first (a unique name from mkstemps), the folder second: a process killed
  // between the two leaves only an unlocked lock file, which the next command removes at once.
  std::string name = (scratch_root(layout) / (prefix + "-XXXXXX.lock")).string();
  lock_fd_ = ::mkstemps(name.data(), 5);
  if (lock_fd_ >= 0 && ::fcntl(lock_fd_, F_SETFD, FD_CLOEXEC) == 0 &&
      ::flock(lock_fd_, LOCK_EX) == 0) {
    dir_ = stdfs::path(name.substr(0, name.size() - 5));
    if (stdfs::create_directory(dir_, ec) && !ec) {
      work_ = dir_ / "work";
      stdfs::create_directories(work_);
      return;
    }
  }
  std::string why = ec ? ec.message() : std::strerror(errno);
  if (lock_fd_ >= 0) {
    ::unlink(name.c_str());
    ::close(lock_fd_);
  }
  throw Error("cannot create a scratch folder in " + scratch_root(layout).string() + ": " + why);
}

ScratchDir::~ScratchDir() {
  std::error_code ec;
  stdfs::remove_all(dir_, ec);  // first the folder, then its lock (see lock_of)
  stdfs::remove(lock_of(dir_), ec);
  if (lock_fd_ >= 0) ::close(lock_fd_);
}

}  // namespace ks::app
