#include "base/error.h"
#include "base/fs.h"
#include "base/strings.h"
#include "prototypes/catalog.h"
#include "prototypes/values.h"
#include "registry/authoring.h"
#include "registry/formats.h"
#include "registry/tree.h"

namespace ks::registry {

namespace stdfs = std::filesystem;
using nlohmann::json;

RegistryCheck check_registry(const stdfs::path& dir, const std::string& name_given,
                             const stdfs::path& copies) {
  RegistryCheck check;
  std::vector<std::string>& problems = check.problems;
  const stdfs::path& root = dir;
  stdfs::path file = root / "registry.yaml";
  std::string text;
  if (!fs::read_file_if_exists(file, text))
    return {{file.string() + ": missing (a registry needs registry.yaml at its root)"}, "", {}};
  RegistryFile reg;
  try {
    reg = parse_registry_file(text, file.string());
  } catch (const Error& e) {
    return {{e.what()}, "", {}};
  }
  std::string registry_name = name_given;
  if (registry_name.empty())
    registry_name = stdfs::absolute(root).lexically_normal().filename().string();
  if (registry_name.empty())
    registry_name = stdfs::absolute(root).lexically_normal().parent_path().filename().string();

  for (const auto& [name, entry] : reg.libraries) {
    stdfs::path dir = root / entry.path;
    std::string where = file.string() + ": libraries." + name + ".path";
    if (!stdfs::is_directory(dir)) {
      problems.push_back(where + ": folder '" + entry.path + "' does not exist");
      continue;
    }
    CheckedPackage pkg;
    pkg.name = name;
    pkg.copy = copies / name;
    std::size_t before = problems.size();
    try {
      copy_package(dir, pkg.copy, (dir).string());
    } catch (const Error& e) {
      problems.emplace_back(e.what());
      continue;
    }
    stdfs::path parts_file = dir / "parts.yaml";
    std::string parts_text;
    if (!fs::read_file_if_exists(parts_file, parts_text)) {
      problems.push_back(parts_file.string() + ": missing (every package needs parts.yaml)");
    } else {
      try {
        Parts parts = parse_parts_file(parts_text, parts_file.string());
        if (parts.name != name) {
          problems.push_back(parts_file.string() + ": field 'name' is '" + parts.name +
                             "' but registry.yaml lists the package as '" + name + "'");
        }
      } catch (const Error& e) {
        problems.emplace_back(e.what());
      }
    }
    stdfs::path proto_dir = dir / "prototypes";
    for (const auto& fname : fs::list_dir(proto_dir)) {
      if (!str::ends_with(fname, ".jsonnet")) continue;
      stdfs::path pfile = proto_dir / fname;
      try {
        auto proto = prototypes::parse_prototype(fs::read_file(pfile), pfile.string());
        proto.package = registry_name + "/" + name;
        for (const auto& p : proto.params) {
          if (!p.default_text) continue;
          try {
            prototypes::typed_value(p, *p.default_text);
          } catch (const Error& e) {
            problems.push_back(pfile.string() + ":" + std::to_string(p.line) + ": default of " +
                               p.name + ": " + e.what());
          }
        }
        pkg.prototypes.push_back(proto);
      } catch (const Error& e) {
        problems.emplace_back(e.what());
      }
    }
    if (problems.size() == before) check.clean.push_back(std::move(pkg));
  }
  check.registry_name = registry_name;
  return check;
}

}  // namespace ks::registry
