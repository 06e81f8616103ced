// The render cache's store (atomic entries, checksums, LRU bound, concurrent writers) and the
// source checks that decide what a component's key holds.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <set>
#include <thread>
#include <vector>

#include "base/fs.h"
#include "render/cache_store.h"
#include "render/render_cache.h"

namespace {

namespace stdfs = std::filesystem;
using ks::render::CacheStore;

const std::string kKeyA = "aa11" + std::string(60, '0');
const std::string kKeyB = "bb22" + std::string(60, '0');

std::string key_n(int n) {
  std::string k = std::to_string(n);
  return std::string(64 - k.size(), 'c') + k;
}

std::vector<stdfs::path> files_below(const stdfs::path& dir) {
  std::vector<stdfs::path> out;
  for (auto& e : stdfs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) out.push_back(e.path());
  return out;
}

TEST(CacheStore, StoresAndReturnsThePayload) {
  ks::fs::TempDir dir("ks-cache-test-");
  CacheStore store(dir.path() / "render", 1 << 20);
  EXPECT_FALSE(store.get(kKeyA));
  store.put(kKeyA, "payload A");
  store.put(kKeyB, std::string("with\0nul", 8));
  EXPECT_EQ(store.get(kKeyA).value_or("?"), "payload A");
  EXPECT_EQ(store.get(kKeyB).value_or("?"), std::string("with\0nul", 8));
  store.put(kKeyA, "replaced");
  EXPECT_EQ(store.get(kKeyA).value_or("?"), "replaced");
  // Nothing but the entries, the usage counter and its lock: no temp file is left behind.
  for (const auto& f : files_below(store.dir())) {
    std::string name = f.filename().string();
    EXPECT_TRUE(name == kKeyA || name == kKeyB || name == "usage" || name == "lock") << f;
  }
  EXPECT_EQ(store.info().entries, 2u);
  auto removed = store.clear();
  EXPECT_EQ(removed.entries, 2u);
  EXPECT_FALSE(store.get(kKeyA));
  EXPECT_EQ(store.info().entries, 0u);
}

TEST(CacheStore, ACorruptOrTruncatedEntryIsAMissAndIsRemoved) {
  ks::fs::TempDir dir("ks-cache-test-");
  CacheStore store(dir.path(), 1 << 20);
  std::string payload = R"({"deps":[],"value":{"kind":"ConfigMap"}})";
  stdfs::path entry = dir.path() / kKeyA.substr(0, 2) / kKeyA;

  store.put(kKeyA, payload);
  std::string bytes = ks::fs::read_file(entry);
  bytes[bytes.size() - 3] = 'X';  // one flipped byte in the payload
  ks::fs::write_file_atomic(entry, bytes);
  EXPECT_FALSE(store.get(kKeyA));
  EXPECT_FALSE(stdfs::exists(entry));

  store.put(kKeyA, payload);
  bytes = ks::fs::read_file(entry);
  ks::fs::write_file_atomic(entry, bytes.substr(0, bytes.size() - 5));  // torn write
  EXPECT_FALSE(store.get(kKeyA));
  EXPECT_FALSE(stdfs::exists(entry));

  for (std::string junk :
       {std::string(), std::string("ks-render-cache-entry 1\n"), std::string(200, 'z')}) {
    ks::fs::write_file_atomic(entry, junk);
    EXPECT_FALSE(store.get(kKeyA)) << junk;
  }
  store.put(kKeyA, payload);
  EXPECT_EQ(store.get(kKeyA).value_or("?"), payload);
}

TEST(CacheStore, StaysWithinItsBoundDroppingTheLeastRecentlyUsed) {
  ks::fs::TempDir dir("ks-cache-test-");
  const std::uint64_t limit = 20 * 1024;
  CacheStore store(dir.path(), limit);
  const std::string kb(1000, 'x');
  auto entry = [&](int n) { return dir.path() / key_n(n).substr(0, 2) / key_n(n); };
  auto age = [&](int n, int hours) {
    stdfs::last_write_time(entry(n),
                           stdfs::file_time_type::clock::now() - std::chrono::hours(hours));
  };
  for (int i = 0; i < 15; ++i) {
    store.put(key_n(i), kb);
    age(i, 100 - i);  // entry 0 is the oldest
  }
  // Used an hour ago... and now: a hit makes entry 0 the most recently used.
  ASSERT_TRUE(store.get(key_n(0)));
  for (int i = 15; i < 22; ++i) store.put(key_n(i), kb);  // one eviction, to 80%
  EXPECT_LE(store.info().bytes, limit);
  EXPECT_TRUE(store.get(key_n(0))) << "the entry just used was evicted";
  EXPECT_FALSE(store.get(key_n(1))) << "the least recently used entry was kept";
  EXPECT_TRUE(store.get(key_n(21)));
}

TEST(CacheStore, ConcurrentWritersNeverLeaveATornEntry) {
  ks::fs::TempDir dir("ks-cache-test-");
  CacheStore store(dir.path(), 64 << 20);
  // Each payload says how long it is and repeats one letter: any mix of two writes shows.
  auto payload = [](int writer, int round) {
    std::size_t n = 1000 + static_cast<std::size_t>((writer * 7919 + round * 104729) % 300000);
    std::string p = std::to_string(n) + ":";
    p += std::string(n, static_cast<char>('a' + writer));
    return p;
  };
  auto valid = [](const std::string& p) {
    auto colon = p.find(':');
    if (colon == std::string::npos) return false;
    std::size_t n = std::stoul(p.substr(0, colon));
    if (p.size() != colon + 1 + n) return false;
    return p.find_first_not_of(p[colon + 1], colon + 1) == std::string::npos;
  };
  std::atomic<bool> done{false};
  std::atomic<int> reads{0}, bad{0};
  std::vector<std::thread> writers, readers;
  for (int w = 0; w < 4; ++w)
    writers.emplace_back([&, w] {
      CacheStore mine(dir.path(), 64 << 20);  // as another process would
      for (int r = 0; r < 60; ++r) mine.put(key_n(r % 3), payload(w, r));
    });
  for (int r = 0; r < 2; ++r)
    readers.emplace_back([&] {
      while (!done) {
        for (int k = 0; k < 3; ++k) {
          if (auto p = store.get(key_n(k))) {
            ++reads;
            if (!valid(*p)) ++bad;
          }
        }
      }
    });
  for (auto& t : writers) t.join();
  done = true;
  for (auto& t : readers) t.join();
  EXPECT_EQ(bad, 0);
  for (int k = 0; k < 3; ++k) {
    auto p = store.get(key_n(k));
    ASSERT_TRUE(p);
    EXPECT_TRUE(valid(*p));
  }
}

TEST(RenderCacheSource, OwnParamsOnlyWhenEveryReadIsTheComponentsOwn) {
  using ks::render::reads_only_own_params;
  EXPECT_TRUE(reads_only_own_params(
      "local p = std.extVar(\"__ksonnet/params\").components.web;\n{ a: p.x }", "web"));
  EXPECT_TRUE(reads_only_own_params(
      "local p = std.extVar( '__ksonnet/params' ).components[\"web\"];\n"
      "local e = std.extVar(\"__ksonnet/environments\");\n{ a: p.x, n: e.namespace }",
      "web"));
  EXPECT_TRUE(reads_only_own_params("{ a: 1 }", "web"));
  // Another component's params, all of them, a computed name, std["extVar"], a prefix name.
  EXPECT_FALSE(reads_only_own_params("std.extVar(\"__ksonnet/params\").components.db", "web"));
  EXPECT_FALSE(reads_only_own_params("std.extVar(\"__ksonnet/params\").components.webx", "web"));
  EXPECT_FALSE(reads_only_own_params("local a = std.extVar(\"__ksonnet/params\"); a", "web"));
  EXPECT_FALSE(reads_only_own_params("std.extVar(\"__ksonnet/\" + \"params\")", "web"));
  EXPECT_FALSE(reads_only_own_params("local n = 'x'; std.extVar(n)", "web"));
  EXPECT_FALSE(reads_only_own_params("std[\"extVar\"](\"__ksonnet/params\")", "web"));
  EXPECT_FALSE(reads_only_own_params("local f = std.extVar; f(\"__ksonnet/params\")", "web"));
  EXPECT_FALSE(reads_only_own_params(
      "std.extVar(\"__ksonnet/params\").components.web + std.extVar(\"__ksonnet/params\")", "web"));
}

TEST(RenderCacheSource, GroupDependentSourcesAreNotCached) {
  EXPECT_TRUE(ks::render::cacheable_source("{ a: 1 }"));
  EXPECT_FALSE(ks::render::cacheable_source("{ f: std.thisFile }"));
  EXPECT_FALSE(ks::render::cacheable_source("{ f: __ks_c0 }"));
}

}  // namespace
