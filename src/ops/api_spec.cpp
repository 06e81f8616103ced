#include "ops/api_spec.h"

#include <regex>

#include "base/error.h"
#include "base/fs.h"
#include "base/strings.h"

namespace ks::ops {

namespace {

namespace stdfs = std::filesystem;

nlohmann::json read_spec(const stdfs::path& path, const std::string& flag) {
  std::string text;
  if (!fs::read_file_if_exists(path, text))
    throw Error("--api-spec " + flag + ": " + path.string() + " does not exist");
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    throw Error("--api-spec " + flag + ": " + path.string() +
                " is not a JSON OpenAPI v2 document: " + e.what());
  }
}

// Keeping the spec lets a later `--api-spec version:V` work offline. A cache that cannot be
// written costs only that convenience.
void remember(const stdfs::path& dir, const std::string& version, const nlohmann::json& doc) {
  if (dir.empty() || version.empty()) return;
  try {
    stdfs::create_directories(dir);
    fs::write_file_atomic(dir / (version + ".json"), doc.dump());
  } catch (const std::exception&) {
  }
}

}  // namespace

ApiSpec resolve_api_spec(const std::string& value, const stdfs::path& app_lib,
                         const stdfs::path& spec_cache_dir) {
  if (str::starts_with(value, "file:")) {
    std::string path = value.substr(5);
    nlohmann::json doc = read_spec(path, value);
    ApiSpec out;
    out.library = klib::generate(doc);
    out.k8s_version = out.library->k8s_version;
    remember(spec_cache_dir, klib::spec_version(doc), doc);
    return out;
  }
  if (str::starts_with(value, "version:")) {
    std::string version = value.substr(8);
    static const std::regex kVersion(R"(^v\d+\.\d+\.\d+$)");
    if (!std::regex_match(version, kVersion))
      throw Error("--api-spec " + value + ": expected version:vX.Y.Z, e.g. version:v1.10.3");
    ApiSpec out;
    out.k8s_version = version;
    if (!app_lib.empty() && stdfs::is_directory(app_lib / klib::app_lib_dir(version))) return out;
    stdfs::path cached = spec_cache_dir / (version + ".json");
    if (spec_cache_dir.empty() || !stdfs::exists(cached)) {
      throw Error("--api-spec " + value + ": no OpenAPI spec for Kubernetes " + version + " in " +
                  (spec_cache_dir.empty() ? "the spec cache" : spec_cache_dir.string()) +
                  " and ks downloads nothing; pass --api-spec file:SWAGGER.json, or leave "
                  "--api-spec out and give --context to read the cluster's own API");
    }
    out.library = klib::generate(read_spec(cached, value), {version});
    return out;
  }
  if (str::starts_with(value, "url:"))
    throw Error("--api-spec " + value +
                ": url: was never implemented by ksonnet either; download the spec and pass "
                "--api-spec file:SWAGGER.json");
  throw Error("--api-spec " + value +
              ": expected file:SWAGGER.json or version:vX.Y.Z (ksonnet's forms)");
}

}  // namespace ks::ops
