#include "registry/tree.h"

#include "base/sha256.h"

#include <algorithm>
#include <map>
#include <memory>
#include <vector>

#include "base/error.h"
#include "base/fs.h"
#include "base/strings.h"
#include "registry/repo_metadata.h"

namespace ks::registry {

namespace stdfs = std::filesystem;

namespace {

bool below(const stdfs::path& path, const stdfs::path& root) {
  auto rel = path.lexically_relative(root);
  return !rel.empty() && *rel.begin() != "..";
}

void copy_entry(const stdfs::path& root, const stdfs::path& real_root, const stdfs::path& from,
                const stdfs::path& to, const std::string& what, int depth);

std::string shown(const std::string& rel) {
  return rel.empty() ? "the package folder" : "'" + rel + "'";
}

// Names that differ only by case would overwrite each other on macOS and Windows checkouts.
void copy_children(const stdfs::path& root, const stdfs::path& real_root, const stdfs::path& from,
                   const stdfs::path& to, const std::string& what, int depth) {
  std::vector<std::string> names = fs::list_dir(from);
  if (looks_like_git_dir(names)) {
    throw Error(what + ": " + shown(fs::relative_below(from, root)) +
                " is a git repository folder (HEAD, objects, refs); packages cannot contain "
                "repository metadata, since git would read its config and hooks there");
  }
  for (const auto& name : names) {
    if (is_repository_metadata(name)) {
      throw Error(what + ": '" + fs::relative_below(from / name, root) +
                  "' is repository metadata; packages cannot contain it, since git would read "
                  "its config and hooks there");
    }
  }
  std::map<std::string, std::string> seen;  // lower-case name → name
  for (const auto& name : names) {
    auto [it, fresh] = seen.emplace(str::to_lower(name), name);
    if (!fresh) {
      std::string dir = fs::relative_below(from, root);
      throw Error(what + ": '" + it->second + "' and '" + name + "' in " + shown(dir) +
                  " differ only by case; rename one");
    }
    copy_entry(root, real_root, from / name, to / name, what, depth);
  }
}

void copy_entry(const stdfs::path& root, const stdfs::path& real_root, const stdfs::path& from,
                const stdfs::path& to, const std::string& what, int depth) {
  if (depth > 64)
    throw Error(what + ": folders nest too deep at " + from.string() + " (a symlink loop?)");
  std::error_code ec;
  auto status = stdfs::symlink_status(from, ec);
  std::string rel = fs::relative_below(from, root);
  stdfs::path source = from;
  if (stdfs::is_symlink(status)) {
    stdfs::path target = stdfs::read_symlink(from, ec);
    if (target.is_absolute()) {
      throw Error(what + ": symlink '" + rel + "' points to the absolute path '" + target.string() +
                  "', outside the package");
    }
    stdfs::path real = stdfs::weakly_canonical(from, ec);
    if (ec || !stdfs::exists(real))
      throw Error(what + ": symlink '" + rel + "' is dangling (it points to '" + target.string() +
                  "')");
    if (real != real_root && !below(real, real_root)) {
      throw Error(what + ": symlink '" + rel + "' points outside the package (to '" +
                  target.string() + "')");
    }
    if (stdfs::is_directory(real) &&
        (real == real_root || below(stdfs::weakly_canonical(from.parent_path()), real))) {
      throw Error(what + ": symlink '" + rel + "' points to a folder that contains it (a loop)");
    }
    source = real;
    status = stdfs::status(real, ec);
  }
  if (stdfs::is_directory(status)) {
    stdfs::create_directories(to);
    copy_children(root, real_root, from, to, what, depth + 1);
    return;
  }
  if (!stdfs::is_regular_file(status))
    throw Error(what + ": '" + rel + "' is not a regular file or folder");
  // A hard link may share its content with any file on the same disk (~/.ssh/id_rsa...).
  if (stdfs::hard_link_count(source, ec) > 1)
    throw Error(what + ": '" + rel + "' is a hard link; packages cannot contain hard links");
  auto perms = stdfs::status(source).permissions();
  bool exec = (perms & stdfs::perms::owner_exec) != stdfs::perms::none;
  fs::write_file_atomic(to, fs::read_file(source), exec ? 0755 : 0644);
}

void collect(const stdfs::path& root, const stdfs::path& dir, std::vector<std::string>& out) {
  for (const auto& e : stdfs::directory_iterator(dir)) {
    auto t = e.symlink_status().type();
    if (t == stdfs::file_type::directory)
      collect(root, e.path(), out);
    else if (t == stdfs::file_type::regular)
      out.push_back(fs::relative_below(e.path(), root));
  }
}

}  // namespace

void copy_package(const stdfs::path& src, const stdfs::path& dest, const std::string& what) {
  std::error_code ec;
  if (!stdfs::is_directory(src, ec))
    throw Error(what + ": package folder " + src.string() + " does not exist");
  stdfs::path real_root = stdfs::canonical(src, ec);
  if (ec) throw Error(what + ": cannot read " + src.string() + ": " + ec.message());
  if (stdfs::exists(dest)) throw Error("internal: " + dest.string() + " already exists");
  stdfs::create_directories(dest);
  copy_children(src, real_root, src, dest, what, 1);
}

std::string tree_sha256(const stdfs::path& dir) {
  std::vector<std::string> files;
  collect(dir, dir, files);
  std::sort(files.begin(), files.end());
  sha256::Hasher hasher;
  for (const auto& rel : files) {
    std::string content = fs::read_file(dir / rel);
    hasher.update(rel + '\0' + std::to_string(content.size()) + '\0');
    hasher.update(content);
  }
  return sha256::hex(hasher.finish());
}

}  // namespace ks::registry
