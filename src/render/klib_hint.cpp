#include "render/klib_hint.h"

#include <regex>

#include "base/fs.h"
#include "base/strings.h"

namespace ks::render {

namespace {

const char* const kMinimalMarker = "// A minimal ksonnet-lib compatible library";

bool uses_minimal_library(const app::Layout& layout, const app::Environment& env) {
  // The env's generated library comes first on the search path when it exists.
  if (!env.k8s_version.empty() && std::filesystem::is_regular_file(layout.lib() / "ksonnet-lib" /
                                                                   env.k8s_version / "k.libsonnet"))
    return false;
  std::string text;
  return fs::read_file_if_exists(layout.lib() / "k.libsonnet", text) &&
         str::starts_with(text, kMinimalMarker);
}

}  // namespace

std::string add_minimal_klib_hint(const std::string& message, const app::Layout& layout,
                                  const app::Environment& env) {
  std::string first = message.substr(0, message.find('\n'));
  // A fresh clone of a ksonnet app: ksonnet git-ignored lib/ and regenerated it from the network.
  static const std::regex kNoLib(R"(couldn't open import "(k|k8s)\.libsonnet")");
  if (std::regex_search(first, kNoLib)) {
    return first + " (the app has no ksonnet-lib" +
           (env.k8s_version.empty() ? std::string() : " in lib/ksonnet-lib/" + env.k8s_version) +
           "; ksonnet kept it out of git and downloaded it: generate it with `ks lib generate "
           "--env " +
           env.name + "`, or offline with `ks env set " + env.name +
           " --api-spec file:SWAGGER.json`)" + message.substr(first.size());
  }
  static const std::regex kMissing(R"(^(.+?):\d+:\d+(?:-\d+)?: field does not exist: (\S+))");
  std::smatch m;
  if (!std::regex_search(first, m, kMissing)) return message;
  if (!uses_minimal_library(layout, env)) return message;
  std::filesystem::path file = m[1].str();
  if (file.is_relative()) file = layout.root / file;
  std::string source;
  if (!fs::read_file_if_exists(file, source) || source.find("k.libsonnet") == std::string::npos)
    return message;
  std::string hint = " (lib/k.libsonnet is ks's minimal ksonnet-lib, which has no `" + m[2].str() +
                     "` and little else; generate the full library for the env's cluster with "
                     "`ks lib generate --env " +
                     env.name + "`, or offline with `ks env set " + env.name +
                     " --api-spec file:SWAGGER.json`)";
  return first + hint + message.substr(first.size());
}

}  // namespace ks::render
