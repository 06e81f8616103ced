#include "render/cache_store.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <random>
#include <vector>

#include "base/sha256.h"

namespace ks::render {

namespace stdfs = std::filesystem;

namespace {

const std::string kMagic = "ks-render-cache-entry 1\n";
constexpr std::size_t kDigestHex = 64;
// Hits refresh an entry's mtime (its LRU age) at most this often, so a warm run is not 200 writes.
constexpr auto kTouchAfter = std::chrono::minutes(5);
constexpr auto kStaleTemp = std::chrono::hours(1);

bool read_fd(int fd, std::string& out) {
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) return false;
    if (n == 0) return true;
    out.append(buf, static_cast<std::size_t>(n));
  }
}

bool write_fd(int fd, const std::string& data) {
  std::size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

std::string random_suffix() {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  return std::to_string(rng());
}

bool is_temp(const std::string& name) {
  return !name.empty() && name[0] == '.';
}

// An exclusive flock on DIR/lock for the usage counter and eviction.
class DirLock {
 public:
  explicit DirLock(const stdfs::path& dir)
      : fd_(::open((dir / "lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644)) {
    if (fd_ >= 0 && ::flock(fd_, LOCK_EX) != 0) {
      ::close(fd_);
      fd_ = -1;
    }
  }
  ~DirLock() {
    if (fd_ >= 0) ::close(fd_);
  }
  DirLock(const DirLock&) = delete;
  DirLock& operator=(const DirLock&) = delete;
  bool held() const { return fd_ >= 0; }

 private:
  int fd_;
};

struct EntryFile {
  stdfs::path path;
  std::uint64_t bytes;
  stdfs::file_time_type mtime;
};

std::vector<EntryFile> list_entries(const stdfs::path& dir, bool with_temps) {
  std::vector<EntryFile> out;
  std::error_code ec;
  for (stdfs::directory_iterator sub(dir, ec), end; !ec && sub != end; sub.increment(ec)) {
    if (!sub->is_directory(ec) || sub->path().filename().string().size() != 2) continue;
    std::error_code ec2;
    for (stdfs::directory_iterator f(sub->path(), ec2); !ec2 && f != end; f.increment(ec2)) {
      std::string name = f->path().filename().string();
      if (is_temp(name) && !with_temps) continue;
      std::error_code ec3;
      auto size = f->file_size(ec3);
      if (ec3) continue;
      auto mtime = f->last_write_time(ec3);
      if (ec3) continue;
      out.push_back({f->path(), size, mtime});
    }
  }
  return out;
}

}  // namespace

CacheStore::CacheStore(stdfs::path dir, std::uint64_t max_bytes)
    : dir_(std::move(dir)), max_bytes_(max_bytes) {}

stdfs::path CacheStore::entry_path(const std::string& key) const {
  return dir_ / key.substr(0, 2) / key;
}

std::optional<std::string> CacheStore::get(const std::string& key) {
  stdfs::path path = entry_path(key);
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  std::string data;
  bool ok = read_fd(fd, data);
  struct stat st {};
  if (ok && ::fstat(fd, &st) == 0) {
    auto mtime = std::chrono::system_clock::from_time_t(st.st_mtim.tv_sec);
    if (std::chrono::system_clock::now() - mtime > kTouchAfter) ::futimens(fd, nullptr);
  }
  ::close(fd);
  if (!ok) return std::nullopt;
  std::size_t header = kMagic.size() + kDigestHex + 1;
  if (data.size() < header || data.compare(0, kMagic.size(), kMagic) != 0 ||
      data[header - 1] != '\n' ||
      sha256::hex(sha256::digest(std::string_view(data).substr(header))) !=
          data.substr(kMagic.size(), kDigestHex)) {
    // Torn by a crash or a full disk, or damaged: never trusted, and not read twice.
    ::unlink(path.c_str());
    return std::nullopt;
  }
  return data.substr(header);
}

void CacheStore::put(const std::string& key, const std::string& payload) {
  stdfs::path path = entry_path(key);
  std::error_code ec;
  stdfs::create_directories(path.parent_path(), ec);
  stdfs::path tmp = path.parent_path() / ("." + key + ".tmp-" + random_suffix());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return;
  std::string data = kMagic + sha256::hex(sha256::digest(payload)) + "\n" + payload;
  bool ok = write_fd(fd, data);
  ok = ::close(fd) == 0 && ok;
  // No fsync: a crash can tear the file, and the checksum catches that.
  if (!ok || ::rename(tmp.c_str(), path.c_str()) != 0) {
    ::unlink(tmp.c_str());
    return;
  }
  add_usage(static_cast<std::int64_t>(data.size()));
}

void CacheStore::add_usage(std::int64_t bytes) {
  DirLock lock(dir_);
  if (!lock.held()) return;
  stdfs::path usage = dir_ / "usage";
  std::int64_t total = 0;
  if (int fd = ::open(usage.c_str(), O_RDONLY | O_CLOEXEC); fd >= 0) {
    std::string text;
    if (read_fd(fd, text)) total = std::atoll(text.c_str());
    ::close(fd);
  }
  total += bytes;
  if (total > static_cast<std::int64_t>(max_bytes_)) {
    evict_to(max_bytes_ / 10 * 8);
    total = static_cast<std::int64_t>(info().bytes);  // the real figure, replaced entries included
  }
  std::string tmp = usage.string() + ".tmp-" + random_suffix();
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return;
  bool ok = write_fd(fd, std::to_string(total) + "\n");
  ok = ::close(fd) == 0 && ok;
  if (!ok || ::rename(tmp.c_str(), usage.c_str()) != 0) ::unlink(tmp.c_str());
}

void CacheStore::evict_to(std::uint64_t target) {
  auto files = list_entries(dir_, true);
  auto now = stdfs::file_time_type::clock::now();
  std::uint64_t total = 0;
  std::vector<EntryFile> entries;
  for (auto& f : files) {
    if (is_temp(f.path.filename().string())) {
      // A writer killed between create and rename; live writers finish in well under an hour.
      if (now - f.mtime > kStaleTemp) ::unlink(f.path.c_str());
      continue;
    }
    total += f.bytes;
    entries.push_back(std::move(f));
  }
  std::sort(entries.begin(), entries.end(),
            [](const EntryFile& a, const EntryFile& b) { return a.mtime < b.mtime; });
  for (const auto& e : entries) {
    if (total <= target) break;
    if (::unlink(e.path.c_str()) == 0) total -= e.bytes;
  }
}

CacheStoreInfo CacheStore::info() const {
  CacheStoreInfo out;
  for (const auto& f : list_entries(dir_, false)) {
    ++out.entries;
    out.bytes += f.bytes;
  }
  return out;
}

CacheStoreInfo CacheStore::clear() {
  DirLock lock(dir_);
  CacheStoreInfo before = info();
  for (const auto& f : list_entries(dir_, true)) ::unlink(f.path.c_str());
  std::error_code ec;
  stdfs::remove(dir_ / "usage", ec);
  return before;
}

}  // namespace ks::render
