#include "app/layout.h"

#include "base/error.h"
#include "base/strings.h"

namespace ks::app {

stdfs::path Layout::module_dir(const std::string& module) const {
  if (module.empty() || module == "/") return components();
  stdfs::path dir = components();
  for (const auto& part : str::split(module, '.')) dir /= part;
  return dir;
}

Layout find_layout(const stdfs::path& start) {
  std::error_code ec;
  stdfs::path dir = stdfs::absolute(start, ec).lexically_normal();
  if (!dir.has_filename() && dir.has_parent_path() && dir != dir.root_path())
    dir = dir.parent_path();  // "a/b/" → "a/b"
  if (!stdfs::is_directory(dir)) throw Error("--dir " + start.string() + ": no such folder");
  for (stdfs::path d = dir;; d = d.parent_path()) {
    if (stdfs::is_regular_file(d / "app.yaml")) return Layout{d};
    if (d == d.parent_path()) break;
  }
  throw Error("no ks app found in " + dir.string() +
              " or any parent folder (looked for app.yaml); run `ks init NAME` to create one, or "
              "pass --dir");
}

}  // namespace ks::app
