#include "git_fixture.h"

#include <git2.h>

#include <stdexcept>

namespace ks_test::git {

namespace stdfs = std::filesystem;

namespace {

void check(int rc, const char* what) {
  if (rc == 0) return;
  const git_error* e = git_error_last();
  throw std::runtime_error(std::string(what) + ": " + (e && e->message ? e->message : "?"));
}

}  // namespace

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
