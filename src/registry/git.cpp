#include "registry/git.h"

#include <git2.h>
#include "base/sha256.h"

#include <cstdlib>
#include <memory>

#include "base/error.h"
#include "base/fs.h"
#include "base/redact.h"
#include "base/strings.h"
#include "registry/git_credentials.h"
#include "registry/repo_metadata.h"

namespace ks::registry::git {

namespace stdfs = std::filesystem;

namespace {

std::string last_error() {
  const git_error* e = git_error_last();
  return e && e->message ? e->message : "unknown libgit2 error";
}

// libgit2 must be initialised once per process; its shutdown is left to process exit.
void ensure_init() {
  static const int init_count = git_libgit2_init();
  if (init_count < 0) throw Error("cannot initialise libgit2: " + last_error());
}

// Every libgit2 object is owned by a unique_ptr whose deleter is its git_*_free function, so no
// exception path leaks one.
template <auto Free>
struct FreeWith {
  template <typename T>
  void operator()(T* p) const {
    Free(p);
  }
};

template <typename T, void (*Free)(T*)>
using Handle = std::unique_ptr<T, FreeWith<Free>>;

// `git_x_new(out(handle), ...)`: the `T**` libgit2's constructors fill; the handle owns the result
// at the end of the call's full expression (what C++23's std::out_ptr does), so the handle must
// not be read in that same expression.
template <typename Owner>
class OutParam {
 public:
  explicit OutParam(Owner& owner) : owner_(owner) {}
  OutParam(const OutParam&) = delete;
  OutParam& operator=(const OutParam&) = delete;
  ~OutParam() { owner_.reset(raw_); }
  operator typename Owner::pointer *() { return &raw_; }

 private:
  Owner& owner_;
  typename Owner::pointer raw_ = nullptr;
};

template <typename Owner>
OutParam<Owner> out(Owner& owner) {
  return OutParam<Owner>(owner);
}

using Repo = Handle<git_repository, git_repository_free>;
using Remote = Handle<git_remote, git_remote_free>;
using Object = Handle<git_object, git_object_free>;
using Tree = Handle<git_tree, git_tree_free>;
using Entry = Handle<git_tree_entry, git_tree_entry_free>;
using Blob = Handle<git_blob, git_blob_free>;
using Commit = Handle<git_commit, git_commit_free>;

std::string short_hash(const std::string& text) {
  return sha256::hex(sha256::digest(text)).substr(0, 12);
}

// Named after the URL without its credentials (a password must not become a folder name, nor a
// short hash that could be brute-forced).
stdfs::path repo_dir(const std::string& full_url) {
  std::string url = redact_userinfo(full_url);
  std::string name;
  for (char c : url)
    name += std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' ? c : '_';
  if (name.size() > 80) name = name.substr(name.size() - 80);
  return cache_root() / (name + "-" + short_hash(url));
}

void open_cache(Repo& repo, const std::string& url) {
  ensure_init();
  stdfs::path dir = repo_dir(url);
  if (git_repository_open_bare(out(repo), dir.c_str()) == 0) return;
  std::error_code ec;
  stdfs::create_directories(dir.parent_path(), ec);
  if (git_repository_init(out(repo), dir.c_str(), 1) != 0) {
    throw Error("cannot create the git cache " + dir.string() + ": " + last_error());
  }
}

// Fetches every branch, tag and HEAD into the bare cache. Returns "" or the error text.
std::string fetch(git_repository* repo, const std::string& url) {
  Remote remote;
  if (git_remote_create_anonymous(out(remote), repo, url.c_str()) != 0) return last_error();
  git_fetch_options opts;
  git_fetch_options_init(&opts, GIT_FETCH_OPTIONS_VERSION);
  CredentialState state;
  state.url = url;
  opts.callbacks.credentials = credentials;
  opts.callbacks.payload = &state;
  configure_transport(opts);
  opts.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE;
  opts.prune = GIT_FETCH_PRUNE;
  const char* specs[] = {"+refs/heads/*:refs/remotes/origin/*", "+refs/tags/*:refs/tags/*",
                         "+HEAD:refs/remotes/origin/HEAD"};
  git_strarray refspecs{const_cast<char**>(specs), 3};
  if (git_remote_fetch(remote.get(), &refspecs, &opts, "ks fetch") != 0)
    return describe_fetch_failure(state, last_error());
  return "";
}

std::optional<git_oid> lookup_commit(git_repository* repo, const std::string& ref) {
  std::vector<std::string> candidates;
  if (ref.empty())
    candidates = {"refs/remotes/origin/HEAD"};
  else {
    if (!str::starts_with(ref, "refs/"))
      candidates = {"refs/remotes/origin/" + ref, "refs/tags/" + ref};
    candidates.push_back(ref);
  }
  for (const auto& spec : candidates) {
    Object obj;
    if (git_revparse_single(out(obj), repo, spec.c_str()) != 0) continue;
    Object peeled;
    if (git_object_peel(out(peeled), obj.get(), GIT_OBJECT_COMMIT) != 0) continue;
    return *git_object_id(peeled.get());
  }
  return std::nullopt;
}

std::string oid_text(const git_oid& oid) {
  char buf[GIT_OID_HEXSZ + 1];
  git_oid_tostr(buf, sizeof buf, &oid);
  return buf;
}

std::string describe_ref(const std::string& ref) {
  return ref.empty() ? "its default branch" : "ref '" + ref + "'";
}

// Opens the cache and makes sure it has `commit`, fetching when it does not.
void open_with_commit(Repo& repo, const std::string& url, const std::string& commit) {
  open_cache(repo, url);
  if (lookup_commit(repo.get(), commit)) return;
  std::string err = fetch(repo.get(), url);
  if (!err.empty())
    throw Error("cannot fetch " + url + " (needed for commit " + commit + "): " + err);
  if (!lookup_commit(repo.get(), commit)) throw Error(url + " has no commit " + commit);
}

void load_tree(git_repository* repo, const std::string& url, const std::string& commit,
               const std::string& subdir, Tree& tree) {
  auto oid = lookup_commit(repo, commit);
  if (!oid) throw Error(url + " has no commit " + commit);
  Commit c;
  if (git_commit_lookup(out(c), repo, &*oid) != 0) throw Error(url + ": " + last_error());
  Tree root;
  if (git_commit_tree(out(root), c.get()) != 0) throw Error(url + ": " + last_error());
  if (subdir.empty()) {
    if (git_tree_dup(out(tree), root.get()) != 0) throw Error(url + ": " + last_error());
    return;
  }
  Entry entry;
  // Two statements: `entry` owns the result only once the out(entry) expression has ended.
  const int found = git_tree_entry_bypath(out(entry), root.get(), subdir.c_str());
  if (found != 0 || git_tree_entry_type(entry.get()) != GIT_OBJECT_TREE) {
    throw Error(url + " has no folder '" + subdir + "' at commit " + commit.substr(0, 12));
  }
  if (git_tree_lookup(out(tree), repo, git_tree_entry_id(entry.get())) != 0)
    throw Error(url + ": " + last_error());
}

// `rel` is the tree's path in the extracted folder, for messages.
void write_tree(git_repository* repo, git_tree* tree, const stdfs::path& dest,
                const std::string& url, const std::string& rel) {
  stdfs::create_directories(dest);
  std::size_t n = git_tree_entrycount(tree);
  for (std::size_t i = 0; i < n; ++i) {
    const git_tree_entry* e = git_tree_entry_byindex(tree, i);
    std::string name = git_tree_entry_name(e);
    if (name == "." || name == ".." || name.find('/') != std::string::npos)
      throw Error(url + ": bad tree entry name '" + name + "'");
    // Refused before anything of it is written (copy_package checks again, naming the package).
    if (is_repository_metadata(name)) {
      throw Error(url + ": '" + rel + name +
                  "' is repository metadata; registries cannot contain it, since git would read "
                  "its config and hooks there");
    }
    stdfs::path target = dest / name;
    git_filemode_t mode = git_tree_entry_filemode(e);
    if (mode == GIT_FILEMODE_TREE) {
      Tree sub;
      if (git_tree_lookup(out(sub), repo, git_tree_entry_id(e)) != 0)
        throw Error(url + ": " + last_error());
      write_tree(repo, sub.get(), target, url, rel + name + "/");
    } else if (mode == GIT_FILEMODE_COMMIT) {
      throw Error(url + ": '" + name +
                  "' is a git submodule; registries cannot contain submodules");
    } else {
      Blob blob;
      if (git_blob_lookup(out(blob), repo, git_tree_entry_id(e)) != 0)
        throw Error(url + ": " + last_error());
      std::string content(static_cast<const char*>(git_blob_rawcontent(blob.get())),
                          static_cast<std::size_t>(git_blob_rawsize(blob.get())));
      if (mode == GIT_FILEMODE_LINK)
        stdfs::create_symlink(content, target);
      else
        fs::write_file_atomic(target, content, mode == GIT_FILEMODE_BLOB_EXECUTABLE ? 0755 : 0644);
    }
  }
}

}  // namespace

stdfs::path cache_root() {
  const char* xdg = std::getenv("XDG_CACHE_HOME");
  if (xdg && *xdg) return stdfs::path(xdg) / "ks" / "git";
  const char* home = std::getenv("HOME");
  if (!home || !*home)
    throw Error("neither XDG_CACHE_HOME nor HOME is set; ks needs one of them for its git cache");
  return stdfs::path(home) / ".cache" / "ks" / "git";
}

bool is_commit_sha(const std::string& ref) {
  if (ref.size() != GIT_OID_HEXSZ) return false;
  for (char c : ref)
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

std::string resolve(const std::string& url, const std::string& ref, std::ostream& log) {
  Repo repo;
  open_cache(repo, url);
  if (is_commit_sha(ref)) {
    if (auto oid = lookup_commit(repo.get(), ref)) return oid_text(*oid);
  }
  std::string err = fetch(repo.get(), url);
  auto oid = lookup_commit(repo.get(), ref);
  if (!err.empty()) {
    if (!oid) throw Error("cannot fetch registry " + url + ": " + err);
    log << "warning: cannot fetch " << redact_userinfo(url) << " (" << redact_userinfo(err)
        << "); using the cached copy of " << describe_ref(ref) << " ("
        << oid_text(*oid).substr(0, 12) << ")\n";
  }
  if (!oid) throw Error(url + " has no branch, tag or commit named '" + ref + "'");
  return oid_text(*oid);
}

void extract(const std::string& url, const std::string& commit, const std::string& subdir,
             const stdfs::path& dest) {
  Repo repo;
  open_with_commit(repo, url, commit);
  Tree tree;
  load_tree(repo.get(), url, commit, subdir, tree);
  write_tree(repo.get(), tree.get(), dest, url, "");
}

std::optional<std::string> read_file(const std::string& url, const std::string& commit,
                                     const std::string& path) {
  Repo repo;
  open_with_commit(repo, url, commit);
  Tree root;
  load_tree(repo.get(), url, commit, "", root);
  Entry entry;
  if (git_tree_entry_bypath(out(entry), root.get(), path.c_str()) != 0) return std::nullopt;
  if (git_tree_entry_type(entry.get()) != GIT_OBJECT_BLOB) return std::nullopt;
  Blob blob;
  if (git_blob_lookup(out(blob), repo.get(), git_tree_entry_id(entry.get())) != 0)
    throw Error(url + ": " + last_error());
  return std::string(static_cast<const char*>(git_blob_rawcontent(blob.get())),
                     static_cast<std::size_t>(git_blob_rawsize(blob.get())));
}

}  // namespace ks::registry::git
