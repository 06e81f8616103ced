#include "app/init.h"
#include "base/error.h"
#include "base/fs.h"
#include "base/strings.h"
#include "prototypes/catalog.h"
#include "prototypes/generate.h"
#include "prototypes/values.h"
#include "registry/authoring.h"
#include "registry/formats.h"
#include "registry/tree.h"
#include "render/render.h"

namespace ks::registry {

namespace stdfs = std::filesystem;
using nlohmann::json;

namespace {

// A value of the param's type that names stay valid with (DNS-label-like strings).
std::string placeholder(const prototypes::Param& p) {
  switch (p.type) {
    case prototypes::ParamType::Number:
      return "1";
    case prototypes::ParamType::Bool:
      return "true";
    case prototypes::ParamType::Array:
      return "[]";
    case prototypes::ParamType::Object:
      return "{}";
    default:
      break;
  }
  std::string out = "lint-";
  for (char c : str::to_lower(p.name)) out += std::isalnum(static_cast<unsigned char>(c)) ? c : '-';
  return out;
}

struct Package {
  std::string name;
  stdfs::path copy;  // checked copy, vendored into the throwaway app
  std::vector<prototypes::Prototype> prototypes;
};

void render_check(const std::vector<Package>& packages, const std::string& registry_name,
                  std::vector<std::string>& problems, std::ostream& log) {
  fs::TempDir tmp("ks-lint-");
  app::InitOptions init;
  init.name = "lint";
  init.dir = tmp.path() / "app";
  stdfs::path root = app::init_app(init);
  for (const auto& pkg : packages) {
    stdfs::path target = root / "vendor" / registry_name / pkg.name;
    stdfs::create_directories(target.parent_path());
    stdfs::copy(pkg.copy, target, stdfs::copy_options::recursive);
  }
  int n = 0;
  for (const auto& pkg : packages) {
    for (const auto& proto : pkg.prototypes) {
      std::string component = "lint-" + std::to_string(n++);
      try {
        auto app = app::App::load(root);
        prototypes::GenerateRequest req;
        req.component = component;
        for (const auto& p : proto.params)
          if (p.required() && p.name != "name") req.flags[p.name] = placeholder(p);
        prototypes::generate(app, proto, req);
        render::Options opts;
        opts.components = {component};
        auto result = render::render_env(app::App::load(root), "default", opts);
        if (result.objects.empty())
          problems.push_back(proto.source + ": renders no objects with its defaults");
        log << "rendered " << proto.name << " (" << result.objects.size() << " objects)\n";
      } catch (const Error& e) {
        problems.push_back(proto.source + ": does not render with its defaults: " + e.what());
      }
    }
  }
}

}  // namespace

std::vector<std::string> lint_registry(const LintOptions& options, std::ostream& log) {
  std::vector<std::string> problems;
  stdfs::path root = options.dir;
  stdfs::path file = root / "registry.yaml";
  std::string text;
  if (!fs::read_file_if_exists(file, text))
    return {file.string() + ": missing (a registry needs registry.yaml at its root)"};
  RegistryFile reg;
  try {
    reg = parse_registry_file(text, file.string());
  } catch (const Error& e) {
    return {e.what()};
  }
  std::string registry_name = options.registry_name;
  if (registry_name.empty())
    registry_name = stdfs::absolute(root).lexically_normal().filename().string();
  if (registry_name.empty())
    registry_name = stdfs::absolute(root).lexically_normal().parent_path().filename().string();
  fs::TempDir copies("ks-lint-copy-");
  std::vector<Package> good;
  for (const auto& [name, entry] : reg.libraries) {
    stdfs::path dir = root / entry.path;
    std::string where = file.string() + ": libraries." + name + ".path";
    if (!stdfs::is_directory(dir)) {
      problems.push_back(where + ": folder '" + entry.path + "' does not exist");
      continue;
    }
    Package pkg;
    pkg.name = name;
    pkg.copy = copies.path() / name;
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
    if (problems.size() == before) good.push_back(pkg);
  }
  if (options.render && !good.empty()) render_check(good, registry_name, problems, log);
  return problems;
}

}  // namespace ks::registry
