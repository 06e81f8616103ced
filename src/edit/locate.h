#pragma once
// Finding the object literal an edit applies to. Internal to ks_edit.
#include <string>
#include <vector>

#include "edit/edit.h"
#include "edit/syntax.h"

namespace ks::edit {

// The first field named `name` (by decoded value) of `object`, or nullptr.
const Member* find_field(const ObjectLit& object, const std::string& name);

// Resolves `where`, then follows `path` as far as it exists. Throws ks::Error naming `source`
// when the locator finds nothing, or when a path field exists but its value is not a plain
// object literal. When the path is incomplete, `object` is the deepest object and `depth` < size.
struct PathResult {
  int object;
  std::size_t depth;
};
PathResult locate(const Syntax& syntax, const std::string& source, const Locator& where,
                  const std::vector<std::string>& path);

}  // namespace ks::edit
