#pragma once
// k.libsonnet from a cluster's own API: an OpenAPI v2 (swagger) document in, ksonnet-lib
// (ksonnet.beta.3 layout) compatible jsonnet out. One file per API group/version, imported
// lazily from k.libsonnet, so a component only parses the group/versions it touches.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace ks::klib {

struct Options {
  std::string k8s_version;  // overrides the spec's info.version (e.g. "v1.10.3")
};

struct Library {
  std::string k8s_version;                   // "v1.10.3"
  std::map<std::string, std::string> files;  // file name (no folder) → jsonnet text
};

// Throws ks::Error when the document has no definitions or no usable version.
Library generate(const nlohmann::json& openapi, const Options& options = {});

// The spec's info.version normalised to "vX.Y.Z"; "" when it has none.
std::string spec_version(const nlohmann::json& openapi);

// Writes every file of `lib` into `dir` (created), each atomically. Returns the paths written.
std::vector<std::filesystem::path> write_library(const std::filesystem::path& dir,
                                                 const Library& lib);

// Where an app keeps the library for one Kubernetes version, relative to lib/ (ksonnet's layout).
std::filesystem::path app_lib_dir(const std::string& k8s_version);

}  // namespace ks::klib
