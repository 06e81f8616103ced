#pragma once
// .ksonnet/registries/NAME/: a git registry's tree at its pinned commit, plus a
// `.ks-registry.json` marker saying which URI and commit it holds.
#include <optional>
#include <string>

#include "app/app.h"
#include "registry/registry.h"

namespace ks::registry {

// The cached tree when it holds the entry's pinned commit.
std::optional<Fetched> read_cache(const app::Layout& layout, const std::string& name,
                                  const app::Registry& entry);
// Replaces the cache (outside any transaction: it is a git-ignored cache).
void write_cache(const app::Layout& layout, const std::string& name, const app::Registry& entry,
                 const Fetched& fetched);
// Stages the cache for `fetched` (git) or its removal (fs) in `txn`.
void stage_cache(app::Transaction& txn, const app::Layout& layout, const std::string& name,
                 const app::Registry& entry, const Fetched& fetched);

}  // namespace ks::registry
