#include "registry/registry_cache.h"

#include <nlohmann/json.hpp>

#include "base/error.h"
#include "base/fs.h"
#include "base/redact.h"

namespace ks::registry {

namespace stdfs = std::filesystem;
using nlohmann::json;

namespace {

const char* const kMarker = ".ks-registry.json";

void fill(const stdfs::path& dir, const app::Registry& entry, const Fetched& fetched) {
  stdfs::copy(fetched.dir, dir,
              stdfs::copy_options::recursive | stdfs::copy_options::copy_symlinks);
  json marker = {{"protocol", entry.protocol},
                 {"uri", redact_userinfo(entry.uri)},
                 {"commit", fetched.commit}};
  fs::write_file_atomic(dir / kMarker, marker.dump(2) + "\n");
}

}  // namespace

std::optional<Fetched> read_cache(const app::Layout& layout, const std::string& name,
                                  const app::Registry& entry) {
  if (entry.commit.empty()) return std::nullopt;
  stdfs::path dir = layout.registry_cache() / name;
  std::string text;
  if (!fs::read_file_if_exists(dir / kMarker, text)) return std::nullopt;
  try {
    json marker = json::parse(text);
    if (marker.value("uri", "") != redact_userinfo(entry.uri) ||
        marker.value("commit", "") != entry.commit)
      return std::nullopt;
    std::string yaml_text;
    if (!fs::read_file_if_exists(dir / "registry.yaml", yaml_text)) return std::nullopt;
    Fetched f;
    f.location = parse_location(entry.uri, entry.protocol);
    f.commit = entry.commit;
    f.dir = dir;
    f.file = parse_registry_file(yaml_text, (dir / "registry.yaml").string());
    return f;
  } catch (const std::exception&) {
    return std::nullopt;  // a damaged cache is rebuilt
  }
}

void write_cache(const app::Layout& layout, const std::string& name, const app::Registry& entry,
                 const Fetched& fetched) {
  stdfs::path target = layout.registry_cache() / name;
  stdfs::create_directories(layout.registry_cache());
  fs::TempDir tmp(".new-", layout.registry_cache());
  stdfs::path staged = tmp.path() / "tree";
  fill(staged, entry, fetched);
  std::error_code ec;
  stdfs::remove_all(target, ec);
  stdfs::rename(staged, target);
}

void stage_cache(app::Transaction& txn, const app::Layout& layout, const std::string& name,
                 const app::Registry& entry, const Fetched& fetched) {
  stdfs::path target = layout.registry_cache() / name;
  if (fetched.location.protocol == "fs") {
    txn.remove(target);
    return;
  }
  stdfs::path staged = txn.staging_dir() / ("registry-" + name);
  fill(staged, entry, fetched);
  txn.install_dir(staged, target);
}

}  // namespace ks::registry
