#pragma once
// Package folders: safe copying and the vendored tree's hash.
#include <filesystem>
#include <string>

namespace ks::registry {

// Copies the package folder `src` to `dest` (which must not exist). A symlink whose target stays
// inside `src` becomes a copy of its target; one that points outside `src` (or is absolute,
// dangling, or loops) is an error naming it, as is any file that is neither regular nor a folder
// (devices, FIFOs, sockets), a hard link, two names in one folder that differ only by case, and
// version-control metadata (repo_metadata.h: `.git` in any spelling, a bare git folder, `.hg`,
// ...). Nothing is checked after copying starts: on error `dest` may hold part of the package, so
// it is a scratch folder.
void copy_package(const std::filesystem::path& src, const std::filesystem::path& dest,
                  const std::string& what);

// SHA-256 (lowercase hex) of a vendored package: over every regular file below `dir`, in byte
// order of their relative paths ('/'-separated), the bytes
//   <relative path> NUL <content length in decimal> NUL <content>
// Folders, permissions and timestamps do not count.
std::string tree_sha256(const std::filesystem::path& dir);

}  // namespace ks::registry
