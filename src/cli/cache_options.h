#pragma once
// The render cache's settings, read from the environment here at the CLI edge (render/ takes them
// as values): $KS_NO_CACHE=1 or --no-cache turn it off; it lives in $XDG_CACHE_HOME/ks/render
// (default ~/.cache/ks/render); $KS_CACHE_MAX_MB bounds it (default 200).
#include "ops/cache.h"

namespace ks::cli {

ops::CacheOptions render_cache_options(bool no_cache_flag);

}  // namespace ks::cli
