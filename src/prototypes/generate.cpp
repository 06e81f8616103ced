#include "prototypes/generate.h"

#include "base/error.h"
#include "base/fs.h"
#include "edit/edit.h"
#include "envs/params.h"
#include "prototypes/values.h"

namespace ks::prototypes {

namespace stdfs = std::filesystem;
using nlohmann::json;

namespace {

std::string params_access(const std::string& key) {
  std::string formatted = edit::format_key(key);
  if (!formatted.empty() && formatted[0] == '"') return "components[" + formatted + "]";
  return "components." + formatted;
}

struct Placement {
  std::string module;  // "/" or "a.b"
  std::string local;   // file name without extension
  std::string qualified;
};

Placement place(const GenerateRequest& r) {
  Placement p;
  std::string name = r.component;
  if (!r.module.empty() && r.module != "/") name = r.module + "." + r.component;
  app::validate_component_name(name);
  p.qualified = name;
  p.module = app::module_of(name);
  p.local = p.module == "/" ? name : name.substr(p.module.size() + 1);
  return p;
}

}  // namespace

std::string expand(const Prototype& proto, const std::string& params_key) {
  std::string text =
      "local env = std.extVar(\"__ksonnet/environments\");\nlocal params = "
      "std.extVar(\"__ksonnet/params\")." +
      params_access(params_key) + ";\n" + proto.body;
  std::string source = proto.source == "system" ? "prototype " + proto.name : proto.source;
  std::string out = edit::substitute_prototype_imports(text, source);
  edit::check_expression(
      out, "prototype " + proto.name + " (" + source + ") does not expand to valid jsonnet");
  return out;
}

stdfs::path origins_file(const app::Layout& layout) {
  return layout.dot_ksonnet() / "generated.json";
}

std::map<std::string, Origin> read_origins(const app::Layout& layout) {
  std::map<std::string, Origin> out;
  std::string text;
  if (!fs::read_file_if_exists(origins_file(layout), text)) return out;
  json doc;
  try {
    doc = json::parse(text);
  } catch (const json::exception& e) {
    throw Error(origins_file(layout).string() + ": not valid JSON (" + e.what() +
                "); delete it to forget which prototypes made the components");
  }
  if (!doc.contains("components") || !doc["components"].is_object()) return out;
  for (const auto& [name, v] : doc["components"].items()) {
    if (!v.is_object()) continue;
    out[name] = Origin{v.value("prototype", ""), v.value("package", "")};
  }
  return out;
}

Generated generate(const app::App& app, const Prototype& proto, const GenerateRequest& request) {
  const auto& layout = app.layout();
  Placement where = place(request);
  if (auto existing = app::find_component(layout, where.qualified)) {
    throw Error("component '" + where.qualified + "' already exists (" +
                fs::relative_below(existing->file, layout.root) +
                "); choose another name or remove it with `ks component rm " + where.qualified +
                "`");
  }
  stdfs::path module_dir = layout.module_dir(where.module);
  if (where.module != "/" && !stdfs::exists(layout.module_params(where.module))) {
    throw Error("module '" + where.module + "' does not exist; create it with `ks module create " +
                where.module + "`");
  }
  auto flags = request.flags;
  bool has_name_param = false;
  for (const auto& p : proto.params) has_name_param |= p.name == "name";
  if (has_name_param && !flags.count("name") &&
      !(request.values.is_object() && request.values.contains("name"))) {
    flags["name"] = where.local;
  }
  Generated g;
  g.component = where.qualified;
  g.params = resolve_params(proto, flags, request.values);
  g.file = module_dir / (where.local + ".jsonnet");
  std::string text = expand(proto, where.local);

  json origins = json::object();
  std::string existing;
  if (fs::read_file_if_exists(origins_file(layout), existing)) {
    try {
      origins = json::parse(existing);
    } catch (const json::exception&) {
      origins = json::object();
    }
  }
  if (!origins.is_object()) origins = json::object();
  origins["components"][where.qualified] = {{"prototype", proto.name}, {"package", proto.package}};

  app::Transaction txn(layout);
  txn.write(g.file, text);
  envs::stage_component_params(txn, app, where.qualified, g.params);
  txn.write(origins_file(layout), origins.dump(2) + "\n");
  txn.commit();
  return g;
}

}  // namespace ks::prototypes
