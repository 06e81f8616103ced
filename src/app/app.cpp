#include "app/app.h"

#include <algorithm>

#include "base/error.h"
#include "base/fs.h"
#include "base/strings.h"

namespace ks::app {

App App::load(const stdfs::path& start) {
  Layout layout = find_layout(start);
  recover(layout);
  return read(layout);
}

App App::read(const Layout& layout) {
  App app;
  app.layout_ = layout;
  std::string path = app.layout_.app_yaml().string();
  app.app_yaml_text_ = fs::read_file(path);
  app.spec_ = parse_spec(app.app_yaml_text_, path);
  std::string override_text;
  if (fs::read_file_if_exists(app.layout_.override_yaml(), override_text)) {
    apply_override(app.spec_, override_text, app.layout_.override_yaml().string());
  }
  return app;
}

App App::reload() const {
  return read(layout_);
}

const Environment& App::env(const std::string& name) const {
  if (const Environment* e = spec_.find_env(name)) return *e;
  auto names = spec_.env_names();
  throw Error("environment '" + name + "' does not exist in app.yaml" +
              (names.empty() ? "; add one with `ks env add NAME`"
                             : " (environments: " + str::join(names, ", ") + ")"));
}

std::string App::current_env() const {
  std::string text;
  if (!fs::read_file_if_exists(layout_.current_env_file(), text)) return "";
  return str::trim(text);
}

std::string App::resolve_env_name(const std::string& name) const {
  if (!name.empty()) {
    env(name);
    return name;
  }
  std::string current = current_env();
  if (current.empty()) {
    throw Error(
        "no environment given and none is current; name one (see `ks env list`) or set one with "
        "`ks env current --set NAME`");
  }
  env(current);
  return current;
}

void App::stage_spec(Transaction& txn, const Spec& spec) const {
  txn.expect_unchanged(layout_.app_yaml(), app_yaml_text_);
  txn.write(layout_.app_yaml(), emit_spec(spec));
}

namespace {

bool is_component_file(const std::string& name, Component::Type& type) {
  if (name.empty() || name[0] == '.') return false;
  if (str::ends_with(name, ".jsonnet"))
    type = Component::Type::Jsonnet;
  else if (str::ends_with(name, ".yaml") || str::ends_with(name, ".yml"))
    type = Component::Type::Yaml;
  else if (str::ends_with(name, ".json"))
    type = Component::Type::Json;
  else
    return false;
  return true;
}

void collect_modules(const stdfs::path& dir, const std::string& prefix,
                     std::vector<std::string>& out) {
  for (const auto& name : fs::list_dir(dir)) {
    if (name.empty() || name[0] == '.' || name.find('.') != std::string::npos) continue;
    stdfs::path sub = dir / name;
    if (!stdfs::is_directory(sub)) continue;
    std::string module = prefix.empty() ? name : prefix + "." + name;
    out.push_back(module);
    collect_modules(sub, module, out);
  }
}

bool valid_name_chars(const std::string& s, const std::string& extra) {
  if (s.empty()) return false;
  for (char c : s) {
    bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' ||
              extra.find(c) != std::string::npos;
    if (!ok) return false;
  }
  return true;
}

}  // namespace

std::vector<std::string> list_modules(const Layout& layout) {
  std::vector<std::string> modules = {"/"};
  std::vector<std::string> nested;
  collect_modules(layout.components(), "", nested);
  std::sort(nested.begin(), nested.end());
  modules.insert(modules.end(), nested.begin(), nested.end());
  return modules;
}

std::vector<Component> list_components(const Layout& layout, const std::string& module) {
  std::vector<Component> out;
  stdfs::path dir = layout.module_dir(module);
  for (const auto& name : fs::list_dir(dir)) {
    Component c;
    if (!is_component_file(name, c.type)) continue;
    if (!stdfs::is_regular_file(dir / name)) continue;
    c.local_name = name.substr(0, name.rfind('.'));
    c.module = module.empty() ? "/" : module;
    c.name = c.module == "/" ? c.local_name : c.module + "." + c.local_name;
    c.file = dir / name;
    out.push_back(c);
  }
  return out;
}

std::vector<Component> list_all_components(const Layout& layout) {
  std::vector<Component> all;
  for (const auto& m : list_modules(layout)) {
    auto cs = list_components(layout, m);
    all.insert(all.end(), cs.begin(), cs.end());
  }
  return all;
}

std::string module_of(const std::string& qualified_name) {
  auto dot = qualified_name.rfind('.');
  return dot == std::string::npos ? "/" : qualified_name.substr(0, dot);
}

std::optional<Component> find_component(const Layout& layout, const std::string& name) {
  for (const auto& c : list_components(layout, module_of(name)))
    if (c.name == name) return c;
  return std::nullopt;
}

void validate_env_name(const std::string& name) {
  if (name.empty()) throw Error("environment name is empty; use letters, digits, '-' or '_'");
  if (name.find('/') != std::string::npos || name.find("..") != std::string::npos ||
      !valid_name_chars(name, ".")) {
    throw Error("environment name '" + name +
                "' is invalid: use letters, digits, '-', '_' or '.' (no '/', no '..')");
  }
}

void validate_component_name(const std::string& name) {
  bool ok = valid_name_chars(name, ".") && name.front() != '.' && name.back() != '.' &&
            name.find("..") == std::string::npos;
  if (!ok) {
    throw Error(
        "component name '" + name +
        "' is invalid: use letters, digits, '-' and '_' ('.' separates modules, e.g. ml.cnn)");
  }
}

}  // namespace ks::app
