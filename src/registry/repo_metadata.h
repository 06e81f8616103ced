#pragma once
// Version-control metadata must never be vendored: a `.git` folder (or a `.git` file pointing at
// one) under vendor/ makes git read its config — `core.fsmonitor`, hooks — and run commands the
// next time someone runs git there; `.hg/hgrc` hooks do the same for Mercurial.
#include <string>
#include <vector>

namespace ks::registry {

// True for a file or folder name a version-control tool treats as its metadata, compared the way
// git's own checks do so that no file system can turn it into `.git`: any case (`.GIT`), trailing
// dots and spaces ignored (`.git.`, Windows), the 8.3 short name `git~1`, and Unicode characters
// HFS+ ignores (U+200C..U+200F, U+202A..U+202E, U+206A..U+206F, U+FEFF) removed. Also `.hg`,
// `.svn`, `.bzr`, `_darcs`, `.jj`, `.pijul`, `.fslckout` and `_FOSSIL_`.
bool is_repository_metadata(const std::string& name);

// True when a folder holding these entry names is itself a git repository folder that git would
// use (a bare repository: `HEAD`, `objects` and `refs`, any case).
bool looks_like_git_dir(const std::vector<std::string>& names);

}  // namespace ks::registry
