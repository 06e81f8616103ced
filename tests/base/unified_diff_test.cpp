// The line-based unified diff (base/unified_diff.h).
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "base/unified_diff.h"
#include "ks_test.h"

namespace ks::text {
namespace {

TEST(UnifiedDiff, Format) {
  EXPECT_EQ(unified_diff("a\n", "a\n", "x", "y"), "");
  std::string old_text = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n";
  std::string new_text = "1\n2\nthree\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n";
  EXPECT_EQ(unified_diff(old_text, new_text, "live/a", "merged/a"),
            "--- live/a\n+++ merged/a\n"
            "@@ -1,6 +1,6 @@\n 1\n 2\n-3\n+three\n 4\n 5\n 6\n"
            "@@ -10,3 +10,4 @@\n 10\n 11\n 12\n+13\n");
  EXPECT_EQ(unified_diff("", "a: 1\nb: 2\n", "live/x", "merged/x"),
            "--- live/x\n+++ merged/x\n@@ -0,0 +1,2 @@\n+a: 1\n+b: 2\n");
  EXPECT_EQ(unified_diff("a\nb\nc\n", "a\nc\n", "o", "n"),
            "--- o\n+++ n\n@@ -1,3 +1,2 @@\n a\n-b\n c\n");
}

TEST(UnifiedDiff, CloseChangesShareAHunk) {
  std::string d = unified_diff("1\n2\n3\n4\n5\n6\n7\n8\n", "1\nX\n3\n4\n5\n6\nY\n8\n", "o", "n");
  EXPECT_EQ(d, "--- o\n+++ n\n@@ -1,8 +1,8 @@\n 1\n-2\n+X\n 3\n 4\n 5\n 6\n-7\n+Y\n 8\n");
}

// Applies a unified diff to `old_lines`; fails the test on a context or deleted line that does
// not match. Counts the changed lines.
std::vector<std::string> patch_lines(const std::vector<std::string>& old_lines,
                                     const std::string& diff, size_t& deleted, size_t& added) {
  std::vector<std::string> out;
  size_t next_old = 0;  // index of the first old line not yet copied
  std::istringstream in(diff);
  std::string line;
  std::getline(in, line);  // ---
  std::getline(in, line);  // +++
  while (std::getline(in, line)) {
    if (line.rfind("@@ -", 0) == 0) {
      size_t start = std::stoul(line.substr(4));
      size_t len = 1;
      size_t comma = line.find(',');
      if (comma != std::string::npos && comma < line.find(' ', 4))
        len = std::stoul(line.substr(comma + 1));
      size_t first = len == 0 ? start : start - 1;
      while (next_old < first) out.push_back(old_lines[next_old++]);
      continue;
    }
    std::string text = line.substr(1);
    if (line[0] == '+') {
      out.push_back(text), ++added;
    } else {
      EXPECT_LT(next_old, old_lines.size());
      if (next_old >= old_lines.size()) return out;
      EXPECT_EQ(old_lines[next_old], text) << "at old line " << next_old + 1;
      if (line[0] == ' ')
        out.push_back(text);
      else
        ++deleted;
      ++next_old;
    }
  }
  while (next_old < old_lines.size()) out.push_back(old_lines[next_old++]);
  return out;
}

TEST(UnifiedDiff, EightThousandLineObjectGivesAMinimalCorrectPatch) {
  // Every second line of an 8,000-line object changed: 4,000 deletions and 4,000 additions.
  std::vector<std::string> old_lines, new_lines;
  std::string old_text, new_text;
  for (int i = 0; i < 8000; ++i) {
    old_lines.push_back("  key" + std::to_string(i) + ": value-" + std::to_string(i));
    new_lines.push_back(i % 2 ? "  key" + std::to_string(i) + ": changed-" + std::to_string(i)
                              : old_lines.back());
    old_text += old_lines.back() + "\n";
    new_text += new_lines.back() + "\n";
  }
  std::string d = unified_diff(old_text, new_text, "live/big", "merged/big");
  ASSERT_EQ(d.rfind("--- live/big\n+++ merged/big\n@@ -1,", 0), 0u) << d.substr(0, 200);
  size_t deleted = 0, added = 0;
  EXPECT_EQ(patch_lines(old_lines, d, deleted, added), new_lines);
  EXPECT_EQ(deleted, 4000u);
  EXPECT_EQ(added, 4000u);
}

}  // namespace
}  // namespace ks::text
