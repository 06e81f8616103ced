#include "app/init.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "app/app.h"
#include "app/templates.h"
#include "base/error.h"
#include "base/fs.h"

namespace ks::app {

namespace {

void write_tree(const stdfs::path& root, const InitOptions& o) {
  auto put = [&](const stdfs::path& rel, const std::string& content) {
    stdfs::create_directories((root / rel).parent_path());
    fs::write_file_atomic(root / rel, content);
  };
  Spec spec;
  spec.name = o.name;
  if (o.create_default_env) {
    Environment env;
    env.name = o.env_name;
    env.path = o.env_name;
    env.server = o.server;
    env.ns = o.ns.empty() ? "default" : o.ns;
    env.context = o.context;
    env.k8s_version = o.k8s_version.empty() ? kDefaultK8sVersion : o.k8s_version;
    spec.environments[env.name] = env;
  }
  put("app.yaml", emit_spec(spec));
  put(".gitignore", templates::gitignore());
  put("components/params.libsonnet", templates::component_params());
  put("environments/base.libsonnet", templates::base_libsonnet());
  if (o.create_default_env) {
    put("environments/" + o.env_name + "/main.jsonnet", templates::env_main());
    put("environments/" + o.env_name + "/params.libsonnet", templates::env_params());
    put("environments/" + o.env_name + "/globals.libsonnet", templates::env_globals());
  }
  put("lib/k.libsonnet", templates::k_libsonnet());
  for (const auto& [rel, text] : o.lib_files) put(stdfs::path("lib") / rel, text);
  stdfs::create_directories(root / "vendor");
  stdfs::create_directories(root / ".ksonnet" / "registries");
}

}  // namespace

stdfs::path init_app(const InitOptions& o) {
  if (o.name.empty()) throw Error("app name is empty; run `ks init NAME`");
  if (o.name.find('/') != std::string::npos)
    throw Error("app name '" + o.name + "' must not contain '/'; use --dir to choose the folder");
  if (o.create_default_env) validate_env_name(o.env_name);
  stdfs::path target =
      stdfs::absolute(o.dir.empty() ? stdfs::path(o.name) : o.dir).lexically_normal();
  std::error_code ec;
  if (stdfs::exists(target, ec)) {
    if (!stdfs::is_directory(target, ec))
      throw Error(target.string() + " exists and is not a folder; choose another name or --dir");
    if (!stdfs::is_empty(target, ec))
      throw Error(target.string() +
                  " is not empty; choose another name or --dir, or empty it first");
  }
  stdfs::create_directories(target.parent_path(), ec);
  // Build beside the target and rename into place, so a failed init leaves nothing half-made.
  fs::TempDir staging(".ks-init-", target.parent_path());
  write_tree(staging.path(), o);
  if (stdfs::exists(target, ec)) stdfs::remove(target, ec);  // the empty folder the user made
  if (::rename(staging.path().c_str(), target.c_str()) != 0) {
    throw Error("cannot create " + target.string() + ": " + std::strerror(errno));
  }
  ::chmod(target.c_str(), 0755);
  staging.release();
  fs::fsync_dir(target.parent_path());
  return target;
}

}  // namespace ks::app
