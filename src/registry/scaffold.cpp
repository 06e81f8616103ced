#include "base/error.h"
#include "base/fs.h"
#include "base/yaml.h"
#include "registry/authoring.h"
#include "registry/formats.h"

namespace ks::registry {

namespace stdfs = std::filesystem;

namespace {

std::string example_prototype(const std::string& package) {
  return "// @apiVersion 0.1\n"
         "// @name io.ksonnet.pkg." +
         package +
         "\n"
         "// @description A Deployment of one container with an app label; edit this\n"
         "//   prototype and its params to make the package's own.\n"
         "// @shortDescription A one-container Deployment.\n"
         "// @param name string Name of the Deployment (also its pods' app label).\n"
         "// @optionalParam image string nginx:1.27 Container image.\n"
         "// @optionalParam replicas number 1 Number of pods.\n"
         "\n"
         "{\n"
         "  apiVersion: 'apps/v1',\n"
         "  kind: 'Deployment',\n"
         "  metadata: { name: import 'param://name', namespace: env.namespace },\n"
         "  spec: {\n"
         "    replicas: import 'param://replicas',\n"
         "    selector: { matchLabels: { app: import 'param://name' } },\n"
         "    template: {\n"
         "      metadata: { labels: { app: import 'param://name' } },\n"
         "      spec: { containers: [{ name: 'main', image: import 'param://image' }] },\n"
         "    },\n"
         "  },\n"
         "}\n";
}

}  // namespace

void init_registry(const stdfs::path& dir) {
  stdfs::path file = dir / "registry.yaml";
  if (stdfs::exists(file)) throw Error(file.string() + " already exists");
  stdfs::create_directories(dir);
  fs::write_file_atomic(file, emit_registry_file({}));
}

void init_package(const stdfs::path& package_dir) {
  stdfs::path dir = package_dir.lexically_normal();
  if (dir.filename().empty()) dir = dir.parent_path();
  std::string name = dir.filename().string();
  bool ok = !name.empty() && name != "." && name != "..";
  for (char c : name)
    ok = ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.');
  if (!ok)
    throw Error("package name '" + name + "' is not valid; use letters, digits, '-', '_' and '.'");
  if (stdfs::exists(dir)) throw Error(dir.string() + " already exists");
  stdfs::path registry_file = dir.parent_path() / "registry.yaml";
  std::string reg_text;
  bool has_registry = fs::read_file_if_exists(registry_file, reg_text);
  RegistryFile reg;
  if (has_registry) {
    reg = parse_registry_file(reg_text, registry_file.string());
    if (reg.libraries.count(name))
      throw Error(registry_file.string() + " already lists a package '" + name + "'");
  }
  nlohmann::json parts = {{"apiVersion", "0.0.1"},
                          {"kind", "ksonnet.io/parts"},
                          {"name", name},
                          {"description", "TODO: what " + name + " deploys.\n"},
                          {"author", "TODO"},
                          {"contributors", nlohmann::json::array()},
                          {"repository", {{"type", "git"}, {"url", "TODO"}}},
                          {"bugs", {{"url", "TODO"}}},
                          {"keywords", nlohmann::json::array({name})},
                          {"quickStart",
                           {{"prototype", "io.ksonnet.pkg." + name},
                            {"componentName", name},
                            {"flags", {{"name", name}}},
                            {"comment", "Deploy " + name}}},
                          {"license", "Apache 2.0"}};
  stdfs::create_directories(dir / "prototypes");
  fs::write_file_atomic(dir / "parts.yaml", yaml::emit(parts));
  fs::write_file_atomic(
      dir / "README.md",
      "# " + name + "\n\nTODO: what the package deploys and its prototypes' params.\n");
  fs::write_file_atomic(dir / "prototypes" / (name + ".jsonnet"), example_prototype(name));
  if (has_registry) {
    reg.libraries[name] = {name, ""};
    fs::write_file_atomic(registry_file, emit_registry_file(reg));
  }
}

}  // namespace ks::registry
