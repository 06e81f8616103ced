#include "ops/registry_lint.h"

#include <cctype>

#include "app/app.h"
#include "app/init.h"
#include "base/error.h"
#include "base/fs.h"
#include "base/strings.h"
#include "prototypes/generate.h"
#include "prototypes/prototype.h"
#include "registry/authoring.h"
#include "render/render.h"

namespace ks::ops {

namespace stdfs = std::filesystem;

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

void render_check(const std::vector<registry::CheckedPackage>& packages,
                  const std::string& registry_name, std::vector<std::string>& problems,
                  std::ostream& log) {
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

RegistryLintResult lint_registry(const RegistryLintOptions& options, std::ostream& log) {
  fs::TempDir copies("ks-lint-copy-");
  registry::RegistryCheck check =
      registry::check_registry(options.dir, options.registry_name, copies.path());
  RegistryLintResult result{std::move(check.problems)};
  if (options.render && !check.clean.empty())
    render_check(check.clean, check.registry_name, result.problems, log);
  return result;
}

}  // namespace ks::ops
