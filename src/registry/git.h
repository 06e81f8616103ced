#pragma once
// Git access through libgit2 (the git program only for `git credential fill`, see
// git_credentials.h). Every remote URL has one bare clone in the
// per-user cache ($XDG_CACHE_HOME/ks/git/, else ~/.cache/ks/git/), so a second app (or a fresh
// clone of an app) gets pinned commits without the network.
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>

namespace ks::registry::git {

// The per-user cache folder.
std::filesystem::path cache_root();

// The commit `ref` names in the repository at `url`: a branch, a tag, a full ref name, or a
// commit SHA; "" = the default branch. Fetches first unless `ref` is a commit the cache already
// has; when the fetch fails and the cache can answer, writes a warning to `log` and uses it.
// Errors name the URL and the ref.
std::string resolve(const std::string& url, const std::string& ref, std::ostream& log);

// Writes the tree of `commit` below `subdir` ("" = the root) into `dest` (created; must not
// exist). Symlinks are written as symlinks (package copying checks them); submodules are errors.
// Fetches when the cache lacks the commit.
void extract(const std::string& url, const std::string& commit, const std::string& subdir,
             const std::filesystem::path& dest);

// A file's content at `commit`, or nullopt when there is no such file.
std::optional<std::string> read_file(const std::string& url, const std::string& commit,
                                     const std::string& path);

bool is_commit_sha(const std::string& ref);

}  // namespace ks::registry::git
