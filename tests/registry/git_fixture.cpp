#include "git_fixture.h"

#include <git2.h>

#include <algorithm>
#include <cstdio>
#include <stdexcept>
#include <vector>

namespace ks_test::git {

namespace stdfs = std::filesystem;

namespace {

void check(int rc, const char* what) {
  if (rc == 0) return;
  const git_error* e = git_error_last();
  throw std::runtime_error(std::string(what) + ": " + (e && e->message ? e->message : "?"));
}

// One tree entry as git stores it: "<octal mode> <name>\0<20-byte id>".
struct RawEntry {
  unsigned mode;
  std::string name;
  git_oid id;
};

// git sorts tree entries by name, comparing a folder's name as if it ended in '/'.
git_oid write_raw_tree(git_repository* repo, std::vector<RawEntry> entries) {
  auto key = [](const RawEntry& e) { return e.mode == 040000 ? e.name + "/" : e.name; };
  std::sort(entries.begin(), entries.end(),
            [&](const RawEntry& a, const RawEntry& b) { return key(a) < key(b); });
  std::string raw;
  for (const auto& e : entries) {
    char mode[16];
    std::snprintf(mode, sizeof mode, "%o", e.mode);
    raw += std::string(mode) + " " + e.name + '\0';
    raw.append(reinterpret_cast<const char*>(e.id.id), GIT_OID_RAWSZ);
  }
  git_odb* odb = nullptr;
  check(git_repository_odb(&odb, repo), "odb");
  git_oid id;
  check(git_odb_write(&id, odb, raw.data(), raw.size(), GIT_OBJECT_TREE), "write raw tree");
  git_odb_free(odb);
  return id;
}

std::vector<RawEntry> entries_of(git_repository* repo, const git_oid& tree_id) {
  git_tree* tree = nullptr;
  check(git_tree_lookup(&tree, repo, &tree_id), "tree");
  std::vector<RawEntry> out;
  for (size_t i = 0; i < git_tree_entrycount(tree); ++i) {
    const git_tree_entry* e = git_tree_entry_byindex(tree, i);
    out.push_back({static_cast<unsigned>(git_tree_entry_filemode(e)), git_tree_entry_name(e),
                   *git_tree_entry_id(e)});
  }
  git_tree_free(tree);
  return out;
}

}  // namespace

std::string commit_raw_entry(const stdfs::path& repo_dir, const std::string& folder,
                             const std::string& name, bool as_folder, const std::string& content) {
  git_libgit2_init();
  git_repository* repo = nullptr;
  check(git_repository_open(&repo, repo_dir.c_str()), "open");
  git_oid head, blob;
  check(git_reference_name_to_id(&head, repo, "HEAD"), "HEAD");
  git_commit* parent = nullptr;
  check(git_commit_lookup(&parent, repo, &head), "parent");
  check(git_blob_create_from_buffer(&blob, repo, content.data(), content.size()), "blob");
  RawEntry added{0100644, name, blob};
  if (as_folder) added = {040000, name, write_raw_tree(repo, {{0100644, "config", blob}})};
  std::vector<RawEntry> root = entries_of(repo, *git_commit_tree_id(parent));
  bool found = false;
  for (auto& e : root) {
    if (e.name != folder) continue;
    std::vector<RawEntry> inner = entries_of(repo, e.id);
    inner.push_back(added);
    e.id = write_raw_tree(repo, inner);
    found = true;
  }
  if (!found) throw std::runtime_error("no folder " + folder + " in HEAD");
  git_oid root_id = write_raw_tree(repo, root), commit_id;
  git_tree* tree = nullptr;
  check(git_tree_lookup(&tree, repo, &root_id), "new tree");
  git_signature* sig = nullptr;
  check(git_signature_new(&sig, "ks test", "test@example.com", 1700000000, 0), "signature");
  const git_commit* parents[] = {parent};
  check(
      git_commit_create(&commit_id, repo, "HEAD", sig, sig, nullptr, "raw entry", tree, 1, parents),
      "commit");
  char buf[GIT_OID_HEXSZ + 1];
  git_oid_tostr(buf, sizeof buf, &commit_id);
  git_signature_free(sig);
  git_tree_free(tree);
  git_commit_free(parent);
  git_repository_free(repo);
  return buf;
}

std::string commit_all(const stdfs::path& repo_dir, const std::string& message) {
  git_libgit2_init();
  git_repository* repo = nullptr;
  if (git_repository_open(&repo, repo_dir.c_str()) != 0) {
    git_repository_init_options opts;
    git_repository_init_options_init(&opts, GIT_REPOSITORY_INIT_OPTIONS_VERSION);
    opts.flags = GIT_REPOSITORY_INIT_MKPATH;
    opts.initial_head = "master";
    check(git_repository_init_ext(&repo, repo_dir.c_str(), &opts), "init");
  }
  git_index* index = nullptr;
  check(git_repository_index(&index, repo), "index");
  check(git_index_add_all(index, nullptr, GIT_INDEX_ADD_FORCE, nullptr, nullptr), "add");
  check(git_index_update_all(index, nullptr, nullptr, nullptr), "update");
  check(git_index_write(index), "write index");
  git_oid tree_id, commit_id;
  check(git_index_write_tree(&tree_id, index), "write tree");
  git_tree* tree = nullptr;
  check(git_tree_lookup(&tree, repo, &tree_id), "tree");
  git_signature* sig = nullptr;
  check(git_signature_new(&sig, "ks test", "test@example.com", 1700000000, 0), "signature");
  git_commit* parent = nullptr;
  git_oid head;
  int parents = 0;
  if (git_reference_name_to_id(&head, repo, "HEAD") == 0) {
    check(git_commit_lookup(&parent, repo, &head), "parent");
    parents = 1;
  }
  const git_commit* parent_list[] = {parent};
  check(git_commit_create(&commit_id, repo, "HEAD", sig, sig, nullptr, message.c_str(), tree,
                          parents, parent_list),
        "commit");
  char buf[GIT_OID_HEXSZ + 1];
  git_oid_tostr(buf, sizeof buf, &commit_id);
  if (parent) git_commit_free(parent);
  git_signature_free(sig);
  git_tree_free(tree);
  git_index_free(index);
  git_repository_free(repo);
  return buf;
}

void tag(const stdfs::path& repo_dir, const std::string& name, const std::string& sha) {
  git_repository* repo = nullptr;
  check(git_repository_open(&repo, repo_dir.c_str()), "open");
  git_oid oid;
  check(git_oid_fromstr(&oid, sha.c_str()), "oid");
  git_object* obj = nullptr;
  check(git_object_lookup(&obj, repo, &oid, GIT_OBJECT_COMMIT), "lookup");
  git_oid tag_id;
  check(git_tag_create_lightweight(&tag_id, repo, name.c_str(), obj, 0), "tag");
  git_object_free(obj);
  git_repository_free(repo);
}

void copy_tree(const stdfs::path& src, const stdfs::path& dest) {
  stdfs::create_directories(dest);
  stdfs::copy(src, dest, stdfs::copy_options::recursive | stdfs::copy_options::overwrite_existing);
}

}  // namespace ks_test::git
