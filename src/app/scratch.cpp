#include "app/scratch.h"

#include <fcntl.h>
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

// The owner's lock sits beside its folder (PREFIX-XXXXXX.lock), created right after the folder
// and removed after it, so a process killed while removing its folder still leaves a lock file
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
  dir_ = fs::make_temp_dir(prefix + "-", scratch_root(layout));
  lock_fd_ = ::open(lock_of(dir_).c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (lock_fd_ < 0 || ::flock(lock_fd_, LOCK_EX) != 0) {
    std::string why = std::strerror(errno);
    stdfs::remove_all(dir_, ec);
    throw Error("cannot create a scratch folder in " + scratch_root(layout).string() + ": " + why);
  }
  work_ = dir_ / "work";
  stdfs::create_directories(work_);
}

ScratchDir::~ScratchDir() {
  std::error_code ec;
  stdfs::remove_all(dir_, ec);  // first the folder, then its lock (see lock_of)
  stdfs::remove(lock_of(dir_), ec);
  if (lock_fd_ >= 0) ::close(lock_fd_);
}

}  // namespace ks::app
