#pragma once
// ks upgrade: app.yaml from ksonnet's 0.1.0 / 0.2.0 schema to 0.3.0.
#include <string>

namespace ks::ops {

struct UpgradeOptions {
  bool dry_run = false;  // compute the change, write nothing
};

struct UpgradeResult {
  bool needed = false;       // false: app.yaml is already 0.3.0 (nothing written)
  std::string from_version;  // app.yaml's apiVersion before
  std::string diff;          // dry run: the change as a unified diff of app.yaml
  bool written = false;
};

UpgradeResult upgrade(const std::string& dir, const UpgradeOptions& options);

}  // namespace ks::ops
