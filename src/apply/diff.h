#pragma once
// Unified diffs of objects as YAML with server noise removed, built in or through the program
// named by KS_EXTERNAL_DIFF (run with two directories, like kubectl's KUBECTL_EXTERNAL_DIFF).
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace ks::apply {

struct DiffResult {
  bool differs = false;
  std::string text;                 // the diff to print
  std::vector<std::string> errors;  // objects that could not be compared
};

struct DiffPair {
  std::string name;      // file name naming the object (group.version.Kind.namespace.name)
  std::string old_yaml;  // empty: missing on that side
  std::string new_yaml;
};

// `--- <old_label>/<name>` / `+++ <new_label>/<name>` per differing pair, 3 lines of context.
// Throws ks::Error when the external diff program fails.
DiffResult render_diff(const std::vector<DiffPair>& pairs, const std::string& old_label,
                       const std::string& new_label);

// Two rendered object sets (e.g. two envs) compared offline, objects matched by
// group, kind, namespace and name.
DiffResult diff_rendered(const std::vector<nlohmann::json>& old_objects,
                         const std::vector<nlohmann::json>& new_objects,
                         const std::string& old_label, const std::string& new_label);

// YAML of an object for diffing (noise removed); "" for null.
std::string diff_yaml(const nlohmann::json& object);

}  // namespace ks::apply
