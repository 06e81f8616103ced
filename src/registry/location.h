#pragma once
// Where a registry lives, from the URI given to `ks registry add`.
//   /abs/dir, ./rel/dir, ../dir      a local folder holding registry.yaml (protocol fs)
//   file:///srv/reg                  a git repository (or, when it is a plain folder holding
//                                    registry.yaml, the folder: ksonnet's fs form)
//   git://, https://, http://, ssh://, user@host:path      a git repository
//   github.com/ORG/REPO[/tree/REF/PATH]                     GitHub (protocol github, fetched with
//   git) any git URL + /tree/REF/PATH     the registry is PATH inside the repository at REF
//   ... /blob/REF/PATH/registry.yaml the same (ksonnet's form)
#include <string>

namespace ks::registry {

struct Location {
  std::string protocol;  // "fs", "git" or "github"
  std::string path;      // fs: the folder (as given; relative ones are relative to the app root)
  std::string url;       // git/github: what libgit2 clones
  std::string ref;       // from /tree/REF/, "" = the repository's default branch
  std::string subdir;    // registry folder inside the repository, "" = its root
};

// `protocol` is the one recorded in app.yaml ("" when adding: detect it).
Location parse_location(const std::string& uri, const std::string& protocol = "");

}  // namespace ks::registry
