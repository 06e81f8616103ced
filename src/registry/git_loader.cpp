// The libgit2 functions ks calls, forwarded to libgit2.so.1.5 opened on first use, so commands
// that never touch a git registry do not map libgit2 and its dependencies at start-up (see
// base/shared_library.h).
#include <git2.h>

#include "base/shared_library.h"

namespace {

ks::SharedLibrary& libgit2() {
  static ks::SharedLibrary library("libgit2.so.1.5", "libgit2-1.5");
  return library;
}

}  // namespace

// Each forwarder resolves its function once (a function-local static).
#define KS_GIT(name) static const auto real = libgit2().function<decltype(&::name)>(#name)

extern "C" {

void git_blob_free(git_blob* blob) {
  KS_GIT(git_blob_free);
  real(blob);
}

int git_blob_lookup(git_blob** blob, git_repository* repo, const git_oid* id) {
  KS_GIT(git_blob_lookup);
  return real(blob, repo, id);
}

const void* git_blob_rawcontent(const git_blob* blob) {
  KS_GIT(git_blob_rawcontent);
  return real(blob);
}

git_object_size_t git_blob_rawsize(const git_blob* blob) {
  KS_GIT(git_blob_rawsize);
  return real(blob);
}

void git_commit_free(git_commit* commit) {
  KS_GIT(git_commit_free);
  real(commit);
}

int git_commit_lookup(git_commit** commit, git_repository* repo, const git_oid* id) {
  KS_GIT(git_commit_lookup);
  return real(commit, repo, id);
}

int git_commit_tree(git_tree** tree_out, const git_commit* commit) {
  KS_GIT(git_commit_tree);
  return real(tree_out, commit);
}

int git_credential_ssh_key_from_agent(git_credential** out, const char* username) {
  KS_GIT(git_credential_ssh_key_from_agent);
  return real(out, username);
}

const git_error* git_error_last() {
  KS_GIT(git_error_last);
  return real();
}

int git_fetch_options_init(git_fetch_options* opts, unsigned int version) {
  KS_GIT(git_fetch_options_init);
  return real(opts, version);
}

int git_libgit2_init() {
  KS_GIT(git_libgit2_init);
  return real();
}

void git_object_free(git_object* object) {
  KS_GIT(git_object_free);
  real(object);
}

const git_oid* git_object_id(const git_object* obj) {
  KS_GIT(git_object_id);
  return real(obj);
}

int git_object_peel(git_object** peeled, const git_object* object, git_object_t target_type) {
  KS_GIT(git_object_peel);
  return real(peeled, object, target_type);
}

char* git_oid_tostr(char* out, size_t n, const git_oid* id) {
  KS_GIT(git_oid_tostr);
  return real(out, n, id);
}

int git_remote_create_anonymous(git_remote** out, git_repository* repo, const char* url) {
  KS_GIT(git_remote_create_anonymous);
  return real(out, repo, url);
}

int git_remote_fetch(git_remote* remote, const git_strarray* refspecs,
                     const git_fetch_options* opts, const char* reflog_message) {
  KS_GIT(git_remote_fetch);
  return real(remote, refspecs, opts, reflog_message);
}

void git_remote_free(git_remote* remote) {
  KS_GIT(git_remote_free);
  real(remote);
}

void git_repository_free(git_repository* repo) {
  KS_GIT(git_repository_free);
  real(repo);
}

int git_repository_init(git_repository** out, const char* path, unsigned is_bare) {
  KS_GIT(git_repository_init);
  return real(out, path, is_bare);
}

int git_repository_open_bare(git_repository** out, const char* bare_path) {
  KS_GIT(git_repository_open_bare);
  return real(out, bare_path);
}

int git_revparse_single(git_object** out, git_repository* repo, const char* spec) {
  KS_GIT(git_revparse_single);
  return real(out, repo, spec);
}

int git_tree_dup(git_tree** out, git_tree* source) {
  KS_GIT(git_tree_dup);
  return real(out, source);
}

const git_tree_entry* git_tree_entry_byindex(const git_tree* tree, size_t idx) {
  KS_GIT(git_tree_entry_byindex);
  return real(tree, idx);
}

int git_tree_entry_bypath(git_tree_entry** out, const git_tree* root, const char* path) {
  KS_GIT(git_tree_entry_bypath);
  return real(out, root, path);
}

git_filemode_t git_tree_entry_filemode(const git_tree_entry* entry) {
  KS_GIT(git_tree_entry_filemode);
  return real(entry);
}

void git_tree_entry_free(git_tree_entry* entry) {
  KS_GIT(git_tree_entry_free);
  real(entry);
}

const git_oid* git_tree_entry_id(const git_tree_entry* entry) {
  KS_GIT(git_tree_entry_id);
  return real(entry);
}

const char* git_tree_entry_name(const git_tree_entry* entry) {
  KS_GIT(git_tree_entry_name);
  return real(entry);
}

git_object_t git_tree_entry_type(const git_tree_entry* entry) {
  KS_GIT(git_tree_entry_type);
  return real(entry);
}

size_t git_tree_entrycount(const git_tree* tree) {
  KS_GIT(git_tree_entrycount);
  return real(tree);
}

void git_tree_free(git_tree* tree) {
  KS_GIT(git_tree_free);
  real(tree);
}

int git_tree_lookup(git_tree** out, git_repository* repo, const git_oid* id) {
  KS_GIT(git_tree_lookup);
  return real(out, repo, id);
}

}  // extern "C"
