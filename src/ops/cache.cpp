#include "ops/cache.h"

#include "base/error.h"

namespace ks::ops {

CacheStats cache_clear(const CacheOptions& options) {
  if (options.dir.empty()) throw Error("no cache folder: set HOME or XDG_CACHE_HOME");
  return render::CacheStore(options.dir, options.max_bytes).clear();
}

CacheStats cache_info(const CacheOptions& options) {
  return render::CacheStore(options.dir, options.max_bytes).info();
}

}  // namespace ks::ops
