#pragma once
// `ks upgrade`: rewrite an app.yaml of ksonnet's older schemas (0.1.0, 0.2.0) as 0.3.0. ks reads
// the old schemas in memory anyway; upgrading makes the file match what ks writes.
#include <filesystem>
#include <string>

#include "app/layout.h"

namespace ks::app {

struct Upgrade {
  Layout layout;
  std::string from_version;  // apiVersion found in app.yaml
  std::string old_text;      // app.yaml as it is
  std::string new_text;      // app.yaml as 0.3.0
  bool needed() const { return old_text != new_text; }
};

// Reads the app.yaml of the app at or above `start`; changes nothing.
Upgrade plan_upgrade(const std::filesystem::path& start);
// Writes new_text through a Transaction (no-op when nothing changes).
void write_upgrade(const Upgrade& upgrade);

}  // namespace ks::app
