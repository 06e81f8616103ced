#include "render/importer.h"

#include "base/fs.h"
#include "base/strings.h"

namespace ks::render {

namespace {

bool below(const stdfs::path& path, const stdfs::path& root) {
  auto rel = path.lexically_relative(root);
  return !rel.empty() && *rel.begin() != "..";
}

}  // namespace

Importer::Importer(ImportConfig config) : config_(std::move(config)) {
  for (const auto& root : config_.allowed_roots) {
    std::error_code ec;
    stdfs::path real = stdfs::weakly_canonical(stdfs::absolute(root), ec);
    if (!ec) real_roots_.push_back(real);
  }
}

bool Importer::allowed(const stdfs::path& path) const {
  if (config_.allowed_roots.empty()) return true;
  std::error_code ec;
  stdfs::path real = stdfs::weakly_canonical(path, ec);
  if (ec) return false;
  for (const auto& root : real_roots_)
    if (real == root || below(real, root)) return true;
  return false;
}

const std::string* Importer::load(const stdfs::path& path) {
  std::string key = path.string();
  if (auto v = config_.virtual_files.find(key); v != config_.virtual_files.end()) return &v->second;
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = cache_.find(key);
  if (it != cache_.end()) return it->second.content.get();
  Entry entry;
  std::error_code ec;
  std::string content;
  if (stdfs::is_regular_file(path, ec)) {
    if (!allowed(path)) {
      entry.refused = true;
    } else if (fs::read_file_if_exists(path, content)) {
      entry.content = std::make_unique<std::string>(std::move(content));
    }
  }
  const std::string* result = entry.content.get();
  cache_[key] = std::move(entry);
  return result;
}

std::optional<Importer::Found> Importer::resolve(const std::string& base, const std::string& rel,
                                                 ImportLog* log) {
  auto attempt = [&](const stdfs::path& candidate) -> std::optional<Found> {
    stdfs::path p = candidate.lexically_normal();
    const std::string* c = load(p);
    if (log) log->push_back({p.string(), c});
    if (c) return Found{p.string(), c};
    return std::nullopt;
  };
  if (!rel.empty() && rel[0] == '/') return attempt(rel);
  if (auto f = attempt(stdfs::path(base) / rel)) return f;
  for (const auto& dir : config_.search_path) {
    if (auto f = attempt(dir / rel)) return f;
  }
  // ksonnet vendored git packages as vendor/REG/PKG@SHA but prototypes import "REG/PKG/file".
  auto parts = str::split(rel, '/');
  if (parts.size() >= 3) {
    auto alias = config_.package_aliases.find(parts[0] + "/" + parts[1]);
    if (alias != config_.package_aliases.end()) {
      stdfs::path p = alias->second;
      for (size_t i = 2; i < parts.size(); ++i) p /= parts[i];
      return attempt(p);
    }
  }
  return std::nullopt;
}

std::string Importer::explain_missing(const std::string& base, const std::string& rel) {
  std::vector<stdfs::path> candidates;
  if (!rel.empty() && rel[0] == '/') {
    candidates.push_back(stdfs::path(rel).lexically_normal());
  } else {
    candidates.push_back((stdfs::path(base) / rel).lexically_normal());
    for (const auto& dir : config_.search_path)
      candidates.push_back((dir / rel).lexically_normal());
  }
  std::lock_guard<std::mutex> lock(mutex_);
  for (const auto& c : candidates) {
    auto it = cache_.find(c.string());
    if (it != cache_.end() && it->second.refused) {
      return "couldn't open import \"" + rel + "\": " + c.string() +
             " is outside the app (components, environments, lib, vendor); pass --jpath " +
             c.parent_path().string() + " to allow it";
    }
  }
  return "couldn't open import \"" + rel + "\": no match locally or in the search path";
}

}  // namespace ks::render
