#include "app/transaction.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>
#include <set>

#include <nlohmann/json.hpp>

#include "app/scratch.h"
#include "base/error.h"
#include "base/fs.h"

namespace ks::app {

namespace {

stdfs::path journal_path(const Layout& layout) {
  return layout.dot_ksonnet() / "journal";
}
stdfs::path tmp_root(const Layout& layout) {
  return layout.dot_ksonnet() / "tmp";
}

void rename_or_throw(const stdfs::path& from, const stdfs::path& to) {
  if (::rename(from.c_str(), to.c_str()) != 0) {
    throw Error("cannot move " + from.string() + " to " + to.string() + ": " +
                std::strerror(errno));
  }
}

// Runs the journal's steps. Every step checks what is already done, so a replay after a crash
// (even a crash during an earlier replay) finishes the job.
void replay(const Layout& layout, const nlohmann::json& journal) {
  std::set<stdfs::path> touched_dirs;
  int trash_index = 0;
  stdfs::path trash_dir = tmp_root(layout) / "trash";
  for (const auto& step : journal.at("steps")) {
    std::string op = step.at("op");
    stdfs::path to = layout.root / step.at("to").get<std::string>();
    stdfs::path from =
        step.contains("from") ? layout.root / step.at("from").get<std::string>() : stdfs::path();
    std::error_code ec;
    if (op == "write") {
      if (!stdfs::exists(from, ec)) continue;
      stdfs::create_directories(to.parent_path(), ec);
      rename_or_throw(from, to);
    } else if (op == "remove" || op == "dir") {
      if (op == "dir" && !stdfs::exists(from, ec)) continue;
      if (stdfs::symlink_status(to, ec).type() != stdfs::file_type::not_found) {
        stdfs::create_directories(trash_dir, ec);
        stdfs::path trash = trash_dir / std::to_string(trash_index++);
        stdfs::remove_all(trash, ec);
        rename_or_throw(to, trash);
      }
      if (op == "dir") {
        stdfs::create_directories(to.parent_path(), ec);
        rename_or_throw(from, to);
      }
    }
    touched_dirs.insert(to.parent_path());
  }
  for (const auto& d : touched_dirs) fs::fsync_dir(d);
}

void finish(const Layout& layout) {
  std::error_code ec;
  stdfs::remove(journal_path(layout), ec);
  fs::fsync_dir(layout.dot_ksonnet());
  stdfs::remove_all(tmp_root(layout), ec);
}

}  // namespace

AppLock::AppLock(const Layout& layout) {
  std::error_code ec;
  stdfs::create_directories(layout.dot_ksonnet(), ec);
  stdfs::path path = layout.dot_ksonnet() / "lock";
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) throw Error("cannot open " + path.string() + ": " + std::strerror(errno));
  // flock is released by the kernel when a process dies, so a killed ks never leaves a stale lock.
  if (::flock(fd_, LOCK_EX | LOCK_NB) == 0) return;
  std::cerr << "waiting for another ks process that is editing this app (" << path.string()
            << ")...\n";
  while (::flock(fd_, LOCK_EX) != 0) {
    if (errno != EINTR) throw Error("cannot lock " + path.string() + ": " + std::strerror(errno));
  }
}

AppLock::~AppLock() {
  if (fd_ >= 0) ::close(fd_);
}

Transaction::Transaction(const Layout& layout) : layout_(layout), lock_(layout) {
  if (stdfs::exists(journal_path(layout_))) {
    replay(layout_, nlohmann::json::parse(fs::read_file(journal_path(layout_))));
    finish(layout_);
  }
  staging_ = fs::make_temp_dir("txn-", tmp_root(layout_));
}

Transaction::~Transaction() {
  if (committed_) return;
  std::error_code ec;
  stdfs::remove_all(staging_, ec);
}

void Transaction::write(const stdfs::path& path, const std::string& content) {
  for (auto& s : steps_) {
    if (s.op == "write" && s.to == path) {
      s.content = content;
      return;
    }
  }
  steps_.push_back({"write", {}, path, content});
}

void Transaction::remove(const stdfs::path& path) {
  steps_.push_back({"remove", {}, path, ""});
}

void Transaction::install_dir(const stdfs::path& staged, const stdfs::path& target) {
  steps_.push_back({"dir", staged, target, ""});
}

void Transaction::expect_unchanged(const stdfs::path& path, std::string content) {
  for (const auto& [p, c] : expected_)
    if (p == path) return;
  expected_.emplace_back(path, std::move(content));
}

const std::string* Transaction::staged_content(const stdfs::path& path) const {
  for (const auto& s : steps_)
    if (s.op == "write" && s.to == path) return &s.content;
  return nullptr;
}

void Transaction::commit() {
  for (const auto& [path, content] : expected_) {
    std::string now;
    fs::read_file_if_exists(path, now);
    if (now != content) {
      throw Error(
          path.string() +
          " changed while this command ran (another ks process edited the app); nothing was "
          "written: run the command again");
    }
  }
  auto rel = [&](const stdfs::path& p) {
    std::string r = fs::relative_below(p, layout_.root);
    if (r.empty()) throw Error("internal: " + p.string() + " is outside the app");
    return r;
  };
  nlohmann::json journal = {{"steps", nlohmann::json::array()}};
  int n = 0;
  for (auto& s : steps_) {
    nlohmann::json step = {{"op", s.op}, {"to", rel(s.to)}};
    if (s.op == "write") {
      s.from = staging_ / ("f" + std::to_string(n++));
      fs::write_file_atomic(s.from, s.content);
    }
    if (!s.from.empty()) step["from"] = rel(s.from);
    journal["steps"].push_back(step);
  }
  fs::write_file_atomic(journal_path(layout_), journal.dump());
  replay(layout_, journal);
  committed_ = true;
  finish(layout_);
}

void recover(const Layout& layout) {
  remove_stale_scratch(layout);
  std::error_code ec;
  bool has_journal = stdfs::exists(journal_path(layout), ec);
  bool has_tmp = stdfs::exists(tmp_root(layout), ec);
  if (!has_journal && !has_tmp) return;
  if (!has_journal) {
    // Leftover staging from a killed run: only clean it when nobody holds the lock right now.
    int fd = ::open((layout.dot_ksonnet() / "lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) return;
    if (::flock(fd, LOCK_EX | LOCK_NB) == 0) stdfs::remove_all(tmp_root(layout), ec);
    ::close(fd);
    return;
  }
  AppLock lock(layout);
  if (!stdfs::exists(journal_path(layout), ec)) return;  // another process finished it
  replay(layout, nlohmann::json::parse(fs::read_file(journal_path(layout))));
  finish(layout);
}

}  // namespace ks::app
