#pragma once
// The render cache (docs/performance.md, "Render cache"): a component's evaluated JSON, kept
// between runs and reused when nothing it read has changed.
//
// Lookup is in two steps, like ccache's direct mode. The key hashes the component's direct inputs:
// its source, its params (its own entry when its text reads only
// `std.extVar("__ksonnet/params").components.NAME`, else the module's whole params), and the run's
// context (ks's version, libjsonnet's version, the native std overrides, the env's namespace and
// server, the ext vars, the import search path). The entry lists every file the import callback
// looked at while the component was evaluated (components are evaluated in groups, and a group's
// whole list is attributed to each of its components), with the SHA-256 of what was there or a
// mark that nothing was: it is used only when every one of them still reads the same. The
// generated files (`__ksonnet/params` and `__ksonnet/components`, which holds every component's
// source) are recorded like any other, so a component that reads another one through
// `__ksonnet/components` is re-evaluated when that one's source, params or imports change.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "render/cache_store.h"
#include "render/importer.h"

namespace ks::render {

struct CacheOptions {
  bool enabled = false;
  std::string dir;                                 // e.g. $XDG_CACHE_HOME/ks/render
  std::uint64_t max_bytes = 200ull * 1024 * 1024;  // LRU bound
  std::string tool_version;                        // ks's version and commit (and build id)
};

// Bump when what ks puts around a component (program.cpp, fast_std, natives) changes meaning in a
// way the hashed generated text does not show.
constexpr int kNativeOverrideVersion = 1;

// Why a component is never cached: its value can depend on how components are grouped (it reads
// `std.thisFile`, which names the generated group file, or ks's internal `__ks_` names).
bool cacheable_source(const std::string& text);

// True when every read of `__ksonnet/params` in `text` is `.components.LOCAL_NAME` (dotted or
// bracketed) and every `extVar` call names its variable with a string literal.
bool reads_only_own_params(const std::string& text, const std::string& local_name);

class RenderCache {
 public:
  // `context`: the digest of what every component of this run shares.
  RenderCache(const CacheOptions& options, Importer& importer, std::string context);

  std::string key(const std::string& component, const std::string& text,
                  const std::string& params_json) const;
  // The cached value when the entry exists and every file it lists still reads the same.
  std::optional<nlohmann::json> lookup(const std::string& key);
  void store(const std::string& key, const ImportLog& log, const nlohmann::json& value);

 private:
  std::string digest_of(const std::string* content);
  std::string file_digest(const std::string& path);

  CacheStore store_;
  Importer& importer_;
  std::string context_;
  std::map<const std::string*, std::string> digests_;  // content → hex digest, per run
};

}  // namespace ks::render
