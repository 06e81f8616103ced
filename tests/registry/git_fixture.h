#pragma once
// Git repositories for tests, made with libgit2 (the tests never run the git program).
#include <filesystem>
#include <string>

namespace ks_test::git {

// Commits every file below `repo` (creating the repository, branch master, on first use) and
// returns the new commit's SHA.
std::string commit_all(const std::filesystem::path& repo, const std::string& message);
// A lightweight tag.
void tag(const std::filesystem::path& repo, const std::string& name, const std::string& sha);
// Copies a folder tree (files only) into `dest`.
void copy_tree(const std::filesystem::path& src, const std::filesystem::path& dest);

}  // namespace ks_test::git
