#include "registry/location.h"

#include <filesystem>

#include "base/error.h"
#include "base/strings.h"

namespace ks::registry {

namespace {

namespace stdfs = std::filesystem;

bool is_local_path(const std::string& uri) {
  return str::starts_with(uri, "/") || str::starts_with(uri, "./") ||
         str::starts_with(uri, "../") || uri == "." || uri == "..";
}

bool is_git_repository(const stdfs::path& dir) {
  std::error_code ec;
  return stdfs::exists(dir / ".git", ec) ||
         (stdfs::exists(dir / "HEAD", ec) && stdfs::is_directory(dir / "objects", ec));
}

// Splits `<base>/tree/<ref>/<path>` (or /blob/); returns false when there is no such suffix.
bool split_tree(const std::string& url, std::string& base, std::string& ref, std::string& subdir) {
  std::size_t scheme = url.find("://");
  std::size_t from = scheme == std::string::npos ? 0 : scheme + 3;
  for (const char* marker : {"/tree/", "/blob/"}) {
    std::size_t at = url.find(marker, from);
    if (at == std::string::npos) continue;
    base = url.substr(0, at);
    std::string rest = url.substr(at + 6);
    std::size_t slash = rest.find('/');
    ref = rest.substr(0, slash);
    subdir = slash == std::string::npos ? "" : rest.substr(slash + 1);
    if (std::string(marker) == "/blob/" &&
        (subdir == "registry.yaml" || str::ends_with(subdir, "/registry.yaml"))) {
      subdir = subdir.substr(0, subdir.size() - std::string("registry.yaml").size());
    }
    while (!subdir.empty() && subdir.back() == '/') subdir.pop_back();
    if (ref.empty())
      throw Error("registry URI '" + url + "': " + marker +
                  " must be followed by a ref (branch, tag or commit)");
    return true;
  }
  return false;
}

Location github(const std::string& uri) {
  std::string rest = uri;
  for (const char* prefix : {"https://", "http://"})
    if (str::starts_with(rest, prefix)) rest = rest.substr(std::string(prefix).size());
  if (str::starts_with(rest, "www.")) rest = rest.substr(4);
  Location loc;
  loc.protocol = "github";
  std::string base = rest;
  split_tree(rest, base, loc.ref, loc.subdir);
  auto parts = str::split(base, '/');
  if (parts.size() != 3 || parts[1].empty() || parts[2].empty()) {
    throw Error("registry URI '" + uri +
                "' is not a GitHub repository; expected github.com/ORG/REPO[/tree/REF/PATH]");
  }
  std::string repo = parts[2];
  if (str::ends_with(repo, ".git")) repo = repo.substr(0, repo.size() - 4);
  loc.url = "https://github.com/" + parts[1] + "/" + repo + ".git";
  return loc;
}

Location git(const std::string& uri) {
  Location loc;
  loc.protocol = "git";
  loc.url = uri;
  std::string base;
  if (split_tree(uri, base, loc.ref, loc.subdir)) loc.url = base;
  while (loc.url.size() > 1 && loc.url.back() == '/') loc.url.pop_back();
  return loc;
}

}  // namespace

Location parse_location(const std::string& uri, const std::string& protocol) {
  if (uri.empty()) throw Error("registry URI is empty");
  if (protocol == "fs" || (protocol.empty() && is_local_path(uri))) {
    Location loc;
    loc.protocol = "fs";
    loc.path = str::starts_with(uri, "file://") ? uri.substr(7) : uri;
    return loc;
  }
  if (protocol == "helm")
    throw Error("registry URI '" + uri + "': helm registries are not supported by ks");
  bool github_like =
      str::starts_with(uri, "github.com/") || str::starts_with(uri, "www.github.com/") ||
      str::starts_with(uri, "https://github.com/") || str::starts_with(uri, "http://github.com/") ||
      str::starts_with(uri, "https://www.github.com/");
  if (protocol == "github" || (protocol.empty() && github_like)) {
    if (github_like) return github(uri);
    return git(uri);
  }
  if (str::starts_with(uri, "file://")) {
    // ksonnet read file:// URIs as plain folders; ks clones them with git when they are
    // repositories.
    std::string path = uri.substr(7);
    std::string base, ref, subdir;
    if (!split_tree(uri, base, ref, subdir) && !is_git_repository(path) &&
        stdfs::exists(stdfs::path(path) / "registry.yaml")) {
      if (protocol.empty()) {
        Location loc;
        loc.protocol = "fs";
        loc.path = path;
        return loc;
      }
    }
    return git(uri);
  }
  for (const char* scheme : {"git://", "https://", "http://", "ssh://", "git+ssh://"}) {
    if (str::starts_with(uri, scheme)) return git(uri);
  }
  std::size_t colon = uri.find(':');
  std::size_t at = uri.find('@');
  if (at != std::string::npos && colon != std::string::npos && at < colon)
    return git(uri);  // user@host:path
  if (protocol == "git") return git(uri);
  if (uri.find("://") == std::string::npos) {
    Location loc;  // a relative folder such as `registry/kubeflow`
    loc.protocol = "fs";
    loc.path = uri;
    return loc;
  }
  throw Error("registry URI '" + uri +
              "' is not understood; use a folder path, a git URL (file://, git://, https://, "
              "ssh://) or github.com/ORG/REPO/tree/REF/PATH");
}

}  // namespace ks::registry
