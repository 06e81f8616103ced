#pragma once
// ksonnet's `--api-spec` on `init`, `env add` and `env set`: which Kubernetes API the env's
// k.libsonnet is generated for.
//   file:PATH        an OpenAPI v2 (swagger) JSON file; it is also kept in the user's spec cache
//   version:vX.Y.Z   a spec already in that cache (nothing is downloaded), or a library the app
//                    already has in lib/ksonnet-lib/vX.Y.Z
// The spec cache (the CLI passes $XDG_CACHE_HOME/ks/openapi, default ~/.cache/ks/openapi) holds
// one vX.Y.Z.json each; "" means none.
#include <filesystem>
#include <optional>
#include <string>

#include "klib/klib.h"

namespace ks::ops {

struct ApiSpec {
  std::string k8s_version;               // what the env is pinned to
  std::optional<klib::Library> library;  // to install; none when `app_lib` already has it
};

// `app_lib`: the app's lib/ folder ("" when there is no app yet, as in `ks init`). Throws
// ks::Error with what to pass instead for a malformed value, an unreadable file or a version
// neither cached nor in the app.
ApiSpec resolve_api_spec(const std::string& value, const std::filesystem::path& app_lib,
                         const std::filesystem::path& spec_cache_dir);

}  // namespace ks::ops
