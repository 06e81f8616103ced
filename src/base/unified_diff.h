#pragma once
// Line-based unified diff (libgit2's xdiff, linear space), GNU diff -u format.
#include <string>

namespace ks::text {

// Empty when the texts are equal; else `--- old_name`/`+++ new_name` headers and hunks with
// `context` lines of context.
std::string unified_diff(const std::string& old_text, const std::string& new_text,
                         const std::string& old_name, const std::string& new_name, int context = 3);

}  // namespace ks::text
