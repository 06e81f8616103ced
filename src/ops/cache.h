#pragma once
// ks cache clear / info: the render cache on disk. Its settings (folder, size limit, on/off)
// are read from the environment by the CLI edge and passed in as values.
#include "render/cache_store.h"
#include "render/render_cache.h"

namespace ks::ops {

using CacheOptions = render::CacheOptions;
using CacheStats = render::CacheStoreInfo;  // entries, bytes

// Removes every entry under options.dir; returns what was there. Throws ks::Error when there
// is no cache folder (neither HOME nor XDG_CACHE_HOME set).
CacheStats cache_clear(const CacheOptions& options);

// What the cache under options.dir holds now (nothing when it does not exist).
CacheStats cache_info(const CacheOptions& options);

}  // namespace ks::ops
