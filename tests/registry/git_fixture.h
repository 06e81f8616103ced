#pragma once
// Git repositories for tests, made with libgit2 (the tests never run the git program).
#include <filesystem>
#include <string>

namespace ks_test::git {

// Commits every file below `repo` (creating the repository, branch master, on first use) and
// returns the new commit's SHA.
std::string commit_all(const std::filesystem::path& repo, const std::string& message);
// Commits, on top of HEAD, an entry that git and libgit2 refuse to create from files (such as
// `.git` or `.GIT`) in the top-level folder `folder`: a folder `name` holding a file `config`
// with `content` when `as_folder`, else a file `name`. Written as raw tree objects.
std::string commit_raw_entry(const std::filesystem::path& repo, const std::string& folder,
                             const std::string& name, bool as_folder, const std::string& content);
// A lightweight tag.
void tag(const std::filesystem::path& repo, const std::string& name, const std::string& sha);
// Copies a folder tree (files only) into `dest`.
void copy_tree(const std::filesystem::path& src, const std::filesystem::path& dest);

}  // namespace ks_test::git
