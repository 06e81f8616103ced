#include "envs/params.h"

#include "app/templates.h"
#include "base/error.h"
#include "base/fs.h"
#include "base/strings.h"
#include "edit/edit.h"
#include "envs/command_line_value.h"

namespace ks::envs {

namespace stdfs = std::filesystem;

namespace {

struct Place {
  stdfs::path file;
  edit::Locator where;
  std::vector<std::string> path;  // objects from `where` down to the one holding the key
  edit::EditStyle style;
};

std::string read_or(const stdfs::path& file, const std::string& fallback) {
  std::string text;
  return fs::read_file_if_exists(file, text) ? text : fallback;
}

std::string display(const app::App& app, const stdfs::path& p) {
  std::string rel = fs::relative_below(p, app.layout().root);
  return rel.empty() ? p.string() : rel;
}

// Where a (target, dotted key) lives; the last key segment is returned through `leaf`.
Place place_for(const app::App& app, const ParamTarget& t, const std::string& key,
                std::string& leaf) {
  std::vector<std::string> parts = str::split(key, '.');
  for (const auto& p : parts)
    if (p.empty())
      throw Error("param name '" + key + "' is invalid: empty segment in the dotted path");
  leaf = parts.back();
  parts.pop_back();
  Place place;
  if (t.env.empty()) {
    std::string module = t.component.empty() ? "/" : app::module_of(t.component);
    place.file = app.layout().module_params(module);
    place.where = edit::Locator::top_level();
    if (t.component.empty()) {
      place.path = {"global"};
    } else {
      std::string local = t.component.substr(
          t.component.rfind('.') == std::string::npos ? 0 : t.component.rfind('.') + 1);
      place.path = {"components", local};
      place.style.quote_path_index = 1;
    }
  } else {
    const auto& env = app.env(t.env);
    stdfs::path dir = app.layout().env_dir(env.path);
    if (t.component.empty()) {
      place.file = dir / "globals.libsonnet";
      place.where = edit::Locator::top_level();
    } else {
      place.file = dir / "params.libsonnet";
      place.where = edit::Locator::field_anywhere("components", true);
      place.path = {t.component};
      place.style.quote_path_index = 0;
      // Env overrides merge into the component's params instead of replacing nested objects.
      place.style.nested_sep = "+:";
    }
  }
  place.path.insert(place.path.end(), parts.begin(), parts.end());
  return place;
}

std::string default_content(const ParamTarget& t) {
  if (!t.env.empty()) {
    return t.component.empty() ? app::templates::env_globals() : app::templates::env_params();
  }
  return app::templates::component_params();
}

void require_component(const app::App& app, const std::string& name) {
  if (name.empty() || app::find_component(app.layout(), name)) return;
  std::vector<std::string> names;
  for (const auto& c : app::list_all_components(app.layout())) names.push_back(c.name);
  throw Error("component '" + name + "' does not exist" +
              (names.empty() ? std::string("; create one with `ks generate`")
                             : " (components: " + str::join(names, ", ") + ")"));
}

}  // namespace

std::string param_value_source(const std::string& text, bool as_string) {
  if (as_string) return edit::to_jsonnet_literal(text);
  const std::string what = "value '" + text + "'";
  CommandLineValue v;
  try {
    v = type_command_line_value(text, what);
  } catch (const Error& e) {
    throw Error(std::string(e.what()) + "; use a smaller number, or --as-string to store the text");
  }
  switch (v.kind) {
    case CommandLineValue::Kind::Integer:
    case CommandLineValue::Kind::Float:
    case CommandLineValue::Kind::Bool:
      return v.text;
    case CommandLineValue::Kind::Structured:
      edit::check_expression(text, what);
      return text;
    case CommandLineValue::Kind::String:
      break;
  }
  // ks's addition to ksonnet's grammar: quotes around the whole value are the shell user's way
  // of saying "a string" (`ks param set c port '"80"'`).
  if (text.size() >= 2 && ((text.front() == '"' && text.back() == '"') ||
                           (text.front() == '\'' && text.back() == '\''))) {
    return edit::to_jsonnet_literal(text.substr(1, text.size() - 2));
  }
  return edit::to_jsonnet_literal(text);
}

void set_param(const app::App& app, const ParamTarget& t, const std::string& key,
               const std::string& value_source) {
  require_component(app, t.component);
  std::string leaf;
  Place place = place_for(app, t, key, leaf);
  std::string source = display(app, place.file);
  app::Transaction txn(app.layout());  // read the file under the lock: no concurrent edit is lost
  std::string text = read_or(place.file, default_content(t));
  std::string updated =
      edit::set_field(text, source, place.where, place.path, leaf, value_source, place.style);
  txn.write(place.file, updated);
  txn.commit();
}

void unset_param(const app::App& app, const ParamTarget& t, const std::string& key) {
  require_component(app, t.component);
  std::string leaf;
  Place place = place_for(app, t, key, leaf);
  std::string source = display(app, place.file);
  std::string text;
  bool removed = false;
  std::string updated;
  if (fs::read_file_if_exists(place.file, text)) {
    edit::remove_field(text, source, place.where, place.path, leaf, &removed);
  }
  if (!removed) {
    std::string owner = t.component.empty() ? "globals" : "component '" + t.component + "'";
    throw Error("param '" + key + "' is not set for " + owner + " in " + source);
  }
  app::Transaction txn(app.layout());  // edit what is on disk under the lock
  fs::read_file_if_exists(place.file, text);
  updated = edit::remove_field(text, source, place.where, place.path, leaf, &removed);
  txn.write(place.file, updated);
  txn.commit();
}

void stage_component_params(app::Transaction& txn, const app::App& app,
                            const std::string& component, const nlohmann::json& params) {
  std::string leaf;
  ParamTarget t{"", component};
  Place place = place_for(app, t, "x", leaf);
  leaf = place.path.back();
  place.path.pop_back();
  std::string source = display(app, place.file);
  const std::string* staged = txn.staged_content(place.file);
  std::string text = staged ? *staged : read_or(place.file, app::templates::component_params());
  edit::EditStyle style;
  style.quote_key = true;
  txn.write(place.file, edit::set_field(text, source, place.where, place.path, leaf,
                                        edit::to_jsonnet_block(params), style));
}

void stage_remove_component_params(app::Transaction& txn, const app::App& app,
                                   const std::string& component) {
  auto remove_in = [&](const stdfs::path& file, const edit::Locator& where,
                       const std::vector<std::string>& path, const std::string& key) {
    const std::string* staged = txn.staged_content(file);
    std::string text;
    if (staged)
      text = *staged;
    else if (!fs::read_file_if_exists(file, text))
      return;
    bool removed = false;
    std::string updated = edit::remove_field(text, display(app, file), where, path, key, &removed);
    if (removed) txn.write(file, updated);
  };
  std::string module = app::module_of(component);
  std::string local = module == "/" ? component : component.substr(module.size() + 1);
  remove_in(app.layout().module_params(module), edit::Locator::top_level(), {"components"}, local);
  for (const auto& name : app.spec().env_names()) {
    const auto* env = app.spec().find_env(name);
    remove_in(app.layout().env_dir(env->path) / "params.libsonnet",
              edit::Locator::field_anywhere("components", true), {}, component);
  }
}

}  // namespace ks::envs
