#include "base/error.h"
#include "base/fs.h"
#include "klib/emit.h"
#include "klib/klib.h"
#include "klib/model.h"

namespace ks::klib {

std::string spec_version(const nlohmann::json& openapi) {
  if (!openapi.is_object() || !openapi.contains("info") || !openapi["info"].is_object()) return "";
  std::string v = openapi["info"].value("version", "");
  // Clusters report e.g. "v1.28.3+k3s1" or "v1.27.4-gke.900": keep vMAJOR.MINOR.PATCH.
  auto cut = v.find_first_of("+-");
  if (cut != std::string::npos) v = v.substr(0, cut);
  if (v.empty() || v == "unversioned") return "";
  return v[0] == 'v' ? v : "v" + v;
}

Library generate(const nlohmann::json& openapi, const Options& options) {
  if (!openapi.is_object() || !openapi.contains("definitions") ||
      !openapi["definitions"].is_object()) {
    throw Error(
        "the OpenAPI document has no `definitions`; give an OpenAPI v2 (swagger) spec such as the "
        "cluster's /openapi/v2");
  }
  Library lib;
  lib.k8s_version = options.k8s_version.empty() ? spec_version(openapi) : options.k8s_version;
  if (lib.k8s_version.empty()) {
    throw Error(
        "the OpenAPI document has no info.version; give the Kubernetes version with --k8s-version");
  }
  if (lib.k8s_version.find('/') != std::string::npos ||
      lib.k8s_version.find("..") != std::string::npos) {
    throw Error("Kubernetes version '" + lib.k8s_version + "' is not a version such as v1.10.3");
  }
  Model model = build_model(openapi);
  if (model.group_versions.empty()) {
    throw Error("the OpenAPI document defines no object types; is it a Kubernetes API spec?");
  }
  for (const auto& [gv, ids] : model.group_versions) {
    std::string text = emit_group_version(model, gv.first, gv.second, lib.k8s_version);
    if (!text.empty()) lib.files[file_name(gv.first, gv.second)] = text;
  }
  std::string more = emit_core_more(model, lib.k8s_version);
  if (!more.empty()) lib.files[more_file_name("core", "v1")] = more;
  lib.files["k8s.libsonnet"] = emit_index(model, lib.k8s_version, false);
  lib.files["k.libsonnet"] = emit_index(model, lib.k8s_version, true);
  return lib;
}

std::vector<std::filesystem::path> write_library(const std::filesystem::path& dir,
                                                 const Library& lib) {
  std::filesystem::create_directories(dir);
  std::vector<std::filesystem::path> written;
  for (const auto& [name, text] : lib.files) {
    fs::write_file_atomic(dir / name, text);
    written.push_back(dir / name);
  }
  return written;
}

std::filesystem::path app_lib_dir(const std::string& k8s_version) {
  return std::filesystem::path("ksonnet-lib") / k8s_version;
}

}  // namespace ks::klib
