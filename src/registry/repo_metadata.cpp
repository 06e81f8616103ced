#include "registry/repo_metadata.h"

#include <array>
#include <set>

#include "base/strings.h"

namespace ks::registry {

namespace {

// Drops the UTF-8 sequences of the code points HFS+ ignores when comparing names.
std::string without_hfs_ignorables(const std::string& name) {
  std::string out;
  for (size_t i = 0; i < name.size(); ++i) {
    auto b = [&](size_t k) { return static_cast<unsigned char>(name[i + k]); };
    if (i + 2 < name.size()) {
      bool e2_80 = b(0) == 0xE2 && b(1) == 0x80 &&
                   ((b(2) >= 0x8C && b(2) <= 0x8F) || (b(2) >= 0xAA && b(2) <= 0xAE));
      bool e2_81 = b(0) == 0xE2 && b(1) == 0x81 && b(2) >= 0xAA && b(2) <= 0xAF;
      bool bom = b(0) == 0xEF && b(1) == 0xBB && b(2) == 0xBF;
      if (e2_80 || e2_81 || bom) {
        i += 2;
        continue;
      }
    }
    out += name[i];
  }
  return out;
}

std::string normalised(const std::string& name) {
  std::string n = str::to_lower(without_hfs_ignorables(name));
  while (!n.empty() && (n.back() == '.' || n.back() == ' ')) n.pop_back();
  return n;
}

}  // namespace

bool is_repository_metadata(const std::string& name) {
  static const std::array<const char*, 10> kNames = {
      ".git", "git~1", ".hg", ".svn", ".bzr", "_darcs", ".jj", ".pijul", ".fslckout", "_fossil_"};
  std::string n = normalised(name);
  for (const char* m : kNames)
    if (n == m) return true;
  return false;
}

bool looks_like_git_dir(const std::vector<std::string>& names) {
  std::set<std::string> lower;
  for (const auto& n : names) lower.insert(normalised(n));
  return lower.count("head") && lower.count("objects") && lower.count("refs");
}

}  // namespace ks::registry
