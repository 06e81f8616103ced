#include "app/import.h"

#include <algorithm>
#include <set>

#include "app/templates.h"
#include "base/error.h"
#include "base/fs.h"
#include "base/strings.h"
#include "base/yaml.h"

namespace ks::app {

namespace {

std::vector<stdfs::path> manifest_files(const stdfs::path& source) {
  std::error_code ec;
  if (stdfs::is_regular_file(source, ec)) return {source};
  if (!stdfs::is_directory(source, ec))
    throw Error("-f " + source.string() + ": no such file or folder");
  std::vector<stdfs::path> files;
  for (const auto& name : fs::list_dir(source)) {
    if (str::ends_with(name, ".yaml") || str::ends_with(name, ".yml") ||
        str::ends_with(name, ".json")) {
      files.push_back(source / name);
    }
  }
  if (files.empty())
    throw Error("-f " + source.string() + ": the folder has no .yaml, .yml or .json files");
  return files;
}

std::string slug(const std::string& s) {
  std::string out;
  for (char c : str::to_lower(s))
    out += std::isalnum(static_cast<unsigned char>(c)) || c == '-' ? c : '-';
  return out;
}

void check_module_name(const std::string& module) {
  if (module == "/") return;
  validate_component_name(module);
}

}  // namespace

std::vector<nlohmann::json> manifest_objects(const std::string& text, const std::string& source) {
  std::vector<nlohmann::json> docs = yaml::parse_all(text, source);
  std::vector<nlohmann::json> objects;
  for (auto& d : docs) {
    // `kind` may be anything in a hostile file: compared as JSON, never read as a string.
    if (d.is_object() && d.contains("kind") && d["kind"] == "List" && d.contains("items") &&
        d["items"].is_array()) {
      for (auto& item : d["items"]) objects.push_back(item);
    } else {
      objects.push_back(d);
    }
  }
  for (const auto& obj : objects) {
    if (!obj.is_object() || !obj.contains("kind") || !obj["kind"].is_string() ||
        !obj.contains("metadata") || !obj["metadata"].is_object() ||
        !obj["metadata"].contains("name") || !obj["metadata"]["name"].is_string()) {
      throw Error(source +
                  ": every document must be a Kubernetes object with kind and metadata.name");
    }
  }
  return objects;
}

std::vector<std::string> import_manifests(const App& app, const stdfs::path& source,
                                          const std::string& module) {
  check_module_name(module);
  stdfs::path dir = app.layout().module_dir(module);
  if (!stdfs::is_directory(dir))
    throw Error("module '" + module + "' does not exist; create it with `ks module create " +
                module + "`");
  std::set<std::string> taken;
  for (const auto& c : list_components(app.layout(), module)) taken.insert(c.local_name);
  Transaction txn(app.layout());
  std::vector<std::string> names;
  for (const auto& file : manifest_files(source)) {
    for (const auto& obj : manifest_objects(fs::read_file(file), file.string())) {
      std::string base = slug(obj["kind"].get<std::string>()) + "-" +
                         slug(obj["metadata"]["name"].get<std::string>());
      std::string name = base;
      for (int i = 2; taken.count(name); ++i) name = base + "-" + std::to_string(i);
      taken.insert(name);
      txn.write(dir / (name + ".yaml"), yaml::emit(obj));
      names.push_back(module == "/" ? name : module + "." + name);
    }
  }
  if (names.empty()) throw Error("-f " + source.string() + ": no objects found");
  txn.commit();
  return names;
}

void create_module(const App& app, const std::string& module) {
  if (module.empty() || module == "/") throw Error("module \"/\" already exists");
  check_module_name(module);
  stdfs::path params = app.layout().module_params(module);
  if (stdfs::exists(params))
    throw Error("module '" + module + "' already exists (" + params.string() + ")");
  Transaction txn(app.layout());
  txn.write(params, templates::component_params());
  txn.commit();
}

}  // namespace ks::app
