#include "ops/upgrade.h"

#include "app/upgrade.h"
#include "base/unified_diff.h"

namespace ks::ops {

UpgradeResult upgrade(const std::string& dir, const UpgradeOptions& options) {
  app::Upgrade u = app::plan_upgrade(dir);
  UpgradeResult out;
  out.needed = u.needed();
  out.from_version = u.from_version;
  if (!out.needed) return out;
  if (options.dry_run) {
    out.diff = text::unified_diff(u.old_text, u.new_text, "app.yaml", "app.yaml");
    return out;
  }
  app::write_upgrade(u);
  out.written = true;
  return out;
}

}  // namespace ks::ops
