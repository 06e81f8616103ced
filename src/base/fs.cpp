#include "base/fs.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>

#include "base/error.h"

namespace ks::fs {

namespace {

std::string errno_text() {
  return std::strerror(errno);
}

std::string random_suffix() {
  static const char kChars[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  std::random_device rd;
  std::string s;
  for (int i = 0; i < 10; ++i) s += kChars[rd() % (sizeof(kChars) - 1)];
  return s;
}

void write_all(int fd, const std::string& content, const stdfs::path& path) {
  const char* p = content.data();
  size_t left = content.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw Error("cannot write " + path.string() + ": " + errno_text());
    }
    p += n;
    left -= static_cast<size_t>(n);
  }
}

}  // namespace

std::string read_file(const stdfs::path& path) {
  std::string out;
  if (!read_file_if_exists(path, out))
    throw Error("cannot read " + path.string() + ": " + errno_text());
  return out;
}

bool read_file_if_exists(const stdfs::path& path, std::string& out) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  out.clear();
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      int saved = errno;
      ::close(fd);
      errno = saved;
      return false;
    }
    if (n == 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return true;
}

void fsync_dir(const stdfs::path& dir) {
  int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

void write_file_atomic(const stdfs::path& path, const std::string& content, unsigned mode) {
  stdfs::path dir = path.parent_path();
  std::error_code ec;
  if (!dir.empty()) stdfs::create_directories(dir, ec);
  stdfs::path tmp = dir / ("." + path.filename().string() + ".ks-tmp-" + random_suffix());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) throw Error("cannot write " + path.string() + ": " + errno_text());
  try {
    write_all(fd, content, path);
    if (::fsync(fd) != 0) throw Error("cannot write " + path.string() + ": " + errno_text());
  } catch (...) {
    ::close(fd);
    ::unlink(tmp.c_str());
    throw;
  }
  ::close(fd);
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    std::string why = errno_text();
    ::unlink(tmp.c_str());
    throw Error("cannot write " + path.string() + ": " + why);
  }
  fsync_dir(dir);
}

stdfs::path make_temp_dir(const std::string& prefix, const stdfs::path& parent) {
  stdfs::path base = parent.empty() ? stdfs::temp_directory_path() : parent;
  std::error_code ec;
  stdfs::create_directories(base, ec);
  for (int attempt = 0; attempt < 100; ++attempt) {
    stdfs::path p = base / (prefix + random_suffix());
    if (::mkdir(p.c_str(), 0700) == 0) return p;
    if (errno != EEXIST)
      throw Error("cannot create a temp directory in " + base.string() + ": " + errno_text());
  }
  throw Error("cannot create a temp directory in " + base.string());
}

std::vector<std::string> list_dir(const stdfs::path& dir) {
  std::vector<std::string> names;
  std::error_code ec;
  for (stdfs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    names.push_back(it->path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string relative_below(const stdfs::path& path, const stdfs::path& base) {
  stdfs::path rel = path.lexically_normal().lexically_relative(base.lexically_normal());
  std::string s = rel.generic_string();
  if (s.empty() || s == ".." || s.rfind("../", 0) == 0) return "";
  return s;
}

TempDir::TempDir(const std::string& prefix, const stdfs::path& parent)
    : path_(make_temp_dir(prefix, parent)) {}

TempDir::~TempDir() {
  if (path_.empty()) return;
  std::error_code ec;
  stdfs::remove_all(path_, ec);
}

}  // namespace ks::fs
