#include "render/importer.h"

#include "base/fs.h"
#include "base/strings.h"

namespace ks::render {

const std::string* Importer::load(const stdfs::path& path) {
  std::string key = path.string();
  if (auto v = config_.virtual_files.find(key); v != config_.virtual_files.end()) return &v->second;
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = cache_.find(key);
  if (it != cache_.end()) return it->second.get();
  std::string content;
  std::unique_ptr<std::string> entry;
  std::error_code ec;
  if (stdfs::is_regular_file(path, ec) && fs::read_file_if_exists(path, content)) {
    entry = std::make_unique<std::string>(std::move(content));
  }
  const std::string* result = entry.get();
  cache_[key] = std::move(entry);
  return result;
}

std::optional<Importer::Found> Importer::resolve(const std::string& base, const std::string& rel) {
  auto attempt = [&](const stdfs::path& candidate) -> std::optional<Found> {
    stdfs::path p = candidate.lexically_normal();
    if (const std::string* c = load(p)) return Found{p.string(), c};
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

}  // namespace ks::render
