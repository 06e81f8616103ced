#include "render/render.h"

#include <algorithm>
#include <future>
#include <map>
#include <optional>
#include <set>
#include <thread>

#include "base/error.h"
#include "base/fs.h"
#include "base/sha256.h"
#include "base/strings.h"
#include "render/component_sources.h"
#include "render/dialect.h"
#include "render/errors.h"
#include "render/inline_imports.h"
#include "render/jsonnet_api.h"
#include "render/klib_hint.h"
#include "render/literal.h"
#include "render/objects.h"
#include "render/program.h"
#include "render/stdlib/overrides.h"
#include "render/stock.h"
#include "render/vm.h"

namespace ks::render {

namespace {

using nlohmann::json;

struct EnvContext {
  const app::App& app;
  const app::Environment& env;
  const Options& options;
  std::vector<std::string> modules;
  std::string root;       // app root, for shortening paths in messages
  json environment_json;  // what __ksonnet/environments holds
};

std::string env_json_text(const EnvContext& ec) {
  return ec.environment_json.dump();
}

ImportConfig import_config(const EnvContext& ec) {
  const auto& layout = ec.app.layout();
  ImportConfig cfg;
  // ksonnet's jpath order, highest priority first (user -J paths come last, as in ksonnet).
  for (const auto& m : ec.modules) cfg.search_path.push_back(layout.module_dir(m));
  if (!ec.env.k8s_version.empty()) {
    stdfs::path versioned = layout.lib() / "ksonnet-lib" / ec.env.k8s_version;
    if (stdfs::is_directory(versioned)) cfg.search_path.push_back(versioned);
  }
  cfg.search_path.push_back(layout.lib());
  cfg.search_path.push_back(layout.vendor());
  cfg.search_path.push_back(layout.env_dir(ec.env.path));
  cfg.search_path.push_back(layout.environments());
  for (auto it = ec.options.jpaths.rbegin(); it != ec.options.jpaths.rend(); ++it) {
    cfg.search_path.push_back(stdfs::absolute(*it));
  }
  // Import sandbox: components read only the app's own folders and the user's -J folders.
  cfg.allowed_roots = {layout.components(), layout.environments(), layout.lib(), layout.vendor()};
  for (const auto& j : ec.options.jpaths) cfg.allowed_roots.push_back(stdfs::absolute(j));
  auto alias = [&](const std::map<std::string, app::Library>& libs) {
    for (const auto& [key, lib] : libs) {
      if (lib.version.empty()) continue;
      stdfs::path dir = layout.vendor() / lib.registry / (lib.name + "@" + lib.version);
      if (stdfs::is_directory(dir)) cfg.package_aliases[lib.registry + "/" + lib.name] = dir;
    }
  };
  alias(ec.app.spec().libraries);
  alias(ec.env.libraries);  // env-scoped libraries win
  return cfg;
}

void apply_ext_vars(Vm& vm, const EnvContext& ec) {
  vm.ext_code("__ksonnet/environments", env_json_text(ec));
  for (const auto& [k, v] : ec.options.ext_str) vm.ext_str(k, v);
}

[[noreturn]] void throw_jsonnet(const JsonnetError& e, const std::vector<SourceMap>& maps,
                                const EnvContext& ec) {
  throw Error(add_go_jsonnet_hint(
      add_minimal_klib_hint(format_jsonnet_error(e.text, maps, ec.root), ec.app.layout(), ec.env)));
}

json parse_output(const std::string& text) {
  return json::parse(text);
}

// What everything evaluated in this render shares, for the cache key: everything outside the
// component's own source and params that its evaluation can see.
std::string cache_context(const EnvContext& ec, const ImportConfig& cfg) {
  json ctx = {{"format", "ks-render-cache 1"},
              {"native_override_version", kNativeOverrideVersion},
              {"ks", ec.options.cache.tool_version},
              {"jsonnet", ::jsonnet_version()},
              {"prelude", stdlib::linked_overrides().prelude},
              {"program", build_program("/", {}, Binding::TopLevelArgs).code},
              {"environment", ec.environment_json},
              {"ext_str", ec.options.ext_str}};
  json search = json::array(), roots = json::array(), aliases = json::object(),
       virtuals = json::array();
  for (const auto& p : cfg.search_path) search.push_back(p.string());
  for (const auto& p : cfg.allowed_roots) roots.push_back(p.string());
  for (const auto& [k, v] : cfg.package_aliases) aliases[k] = v.string();
  for (const auto& [k, v] : cfg.virtual_files) virtuals.push_back(k);
  ctx["search_path"] = search;
  ctx["allowed_roots"] = roots;
  ctx["package_aliases"] = aliases;
  ctx["virtual_files"] = virtuals;
  return sha256::hex(sha256::digest(ctx.dump()));
}

// Per component: the param keys it has only because a `global` (module or env) gave them to it.
using InheritedKeys = std::map<std::string, std::set<std::string>>;

// Module params files evaluated in one go; then module globals applied (ksonnet: a module's
// `global` values override the component's own, via merge patch). `inherited` (optional) gets the
// keys each component received from its module's `global` only.
json module_params(const EnvContext& ec, Importer& importer, InheritedKeys* inherited = nullptr) {
  const auto& layout = ec.app.layout();
  std::string code = "{\n";
  bool any = false;
  json result = json::object();
  bool all_literal = true;
  for (const auto& m : ec.modules) {
    stdfs::path p = layout.module_params(m);
    std::string text;
    if (!fs::read_file_if_exists(p, text)) continue;
    code += "  " + json(m).dump() + ": import " + json(p.string()).dump() + ",\n";
    any = true;
    // Params files are nearly always plain data: read them without an evaluation.
    auto literal = all_literal ? literal_json(text) : std::nullopt;
    if (literal)
      result[m] = std::move(*literal);
    else
      all_literal = false;
  }
  code += "}\n";
  if (any && !all_literal) {
    Vm vm(importer);
    apply_ext_vars(vm, ec);
    try {
      result = parse_output(
          vm.evaluate_snippet((layout.components() / ".ks-params.jsonnet").string(), code));
    } catch (const JsonnetError& e) {
      throw_jsonnet(e, {}, ec);
    }
  }
  json combined = json::object();
  for (const auto& m : ec.modules) {
    json mp = result.contains(m) ? result[m] : json::object();
    std::string file = layout.module_params(m).string();
    if (!mp.is_object())
      throw Error(file + ": params must be an object with `global` and `components`");
    json global = mp.value("global", json::object());
    json comps = mp.value("components", json::object());
    if (!comps.is_object()) throw Error(file + ": `components` must be an object");
    for (const auto& c : app::list_components(layout, m)) {
      json v = comps.contains(c.local_name) ? comps[c.local_name] : json::object();
      if (global.is_object() && !global.empty()) {
        for (auto g = global.begin(); g != global.end(); ++g)
          if (inherited && !(v.is_object() && v.contains(g.key())))
            (*inherited)[c.name].insert(g.key());
        v.merge_patch(global);
      }
      combined[c.name] = v;
    }
    for (auto it = comps.begin(); it != comps.end(); ++it) {
      std::string q = m == "/" ? it.key() : m + "." + it.key();
      if (!combined.contains(q)) {
        json v = it.value();
        if (global.is_object() && !global.empty() && v.is_object()) v.merge_patch(global);
        combined[q] = v;
      }
    }
  }
  return combined;
}

// The env's params.libsonnet (env overrides + env globals) applied on top of the module params.
json env_params(const EnvContext& ec, Importer& importer, const json& combined,
                CacheStats* stats = nullptr) {
  stdfs::path dir = ec.app.layout().env_dir(ec.env.path);
  stdfs::path file = dir / "params.libsonnet";
  std::string text;
  if (!fs::read_file_if_exists(file, text)) return combined;
  // The scaffold with plain-data overrides (nearly every app): computed here, as module params
  // are, without an evaluation of every component's params.
  if (auto patch = scaffold_env_params_patch(text)) {
    std::string globals_text;
    std::optional<json> globals;
    if (fs::read_file_if_exists(dir / "globals.libsonnet", globals_text))
      globals = literal_json(globals_text);
    if (globals)
      if (auto literal = literal_env_params(*patch, combined, *globals)) return std::move(*literal);
  }
  Program program = build_env_params_program(file.string(), rewrite_go_jsonnet_dialect(text));
  // Cached like a component: the program, the params it is given, and every file it imports.
  std::optional<RenderCache> cache;
  std::string key;
  if (ec.options.cache.enabled) {
    cache.emplace(ec.options.cache, importer, cache_context(ec, importer.config()));
    key = cache->key("env params\n" + file.string(), program.code, combined.dump());
    if (auto cached = cache->lookup(key)) return std::move(*cached);
  }
  if (stats) ++stats->params_vms;
  ImportLog log;
  Vm vm(importer);
  if (cache) vm.record_imports(&log);
  apply_ext_vars(vm, ec);
  vm.tla_code("__ks_params", json{{"components", combined}}.dump());
  vm.tla_code("__ks_env", env_json_text(ec));
  json result;
  try {
    result = parse_output(vm.evaluate_snippet(program.filename, program.code));
  } catch (const JsonnetError& e) {
    throw_jsonnet(e, {program.map}, ec);
  }
  if (!result.is_object() || !result.contains("components") || !result["components"].is_object()) {
    throw Error(file.string() + ": must evaluate to an object with a `components` object");
  }
  if (cache) cache->store(key, log, result["components"]);
  return result["components"];
}

// The keys of the env's globals.libsonnet (`ks param set --env E KEY VALUE`), which the env's
// params.libsonnet adds to every component.
std::set<std::string> env_global_keys(const EnvContext& ec, Importer& importer) {
  std::set<std::string> keys;
  stdfs::path file = ec.app.layout().env_dir(ec.env.path) / "globals.libsonnet";
  std::string text;
  if (!fs::read_file_if_exists(file, text)) return keys;
  std::optional<json> globals = literal_json(text);
  if (!globals) {
    Vm vm(importer);
    apply_ext_vars(vm, ec);
    try {
      globals = parse_output(vm.evaluate_snippet(file.string(), text));
    } catch (const JsonnetError& e) {
      throw_jsonnet(e, {}, ec);
    }
  }
  if (globals->is_object())
    for (auto it = globals->begin(); it != globals->end(); ++it) keys.insert(it.key());
  return keys;
}

struct Group {
  std::string module;
  std::vector<app::Component> components;
};

json module_view(const std::string& module, const json& params) {
  json view = json::object();
  std::string prefix = module == "/" ? "" : module + ".";
  for (auto it = params.begin(); it != params.end(); ++it) {
    const std::string& q = it.key();
    if (prefix.empty()) {
      if (q.find('.') == std::string::npos) view[q] = it.value();
    } else if (str::starts_with(q, prefix) && q.find('.', prefix.size()) == std::string::npos) {
      view[q.substr(prefix.size())] = it.value();
    }
  }
  return json{{"components", view}};
}

using Sources = std::map<std::string, ComponentSource>;

PastedComponent pasted(const ComponentSource& s) {
  PastedComponent p;
  p.name = s.component.name;
  p.display_file = s.component.file.string();
  if (!s.syntax_error.empty()) {
    // Never pasted: reading it through __ksonnet/components reports its own syntax error.
    p.text = "error " + json(s.syntax_error).dump();
    p.is_json = true;
  } else if (s.component.type == app::Component::Type::Jsonnet) {
    p.text = s.text;
  } else {
    p.text = s.data.dump();
    p.is_json = true;
  }
  return p;
}

std::vector<PastedComponent> paste(const Sources& sources,
                                   const std::vector<app::Component>& comps) {
  std::vector<PastedComponent> out;
  for (const auto& c : comps) out.push_back(pasted(sources.at(c.name)));
  return out;
}

// Every component of the env (all of them, also under -c), as generated programs in virtual
// files: one per module, its params imported from a virtual JSON file. They are what
// `std.extVar("__ksonnet/components")` imports (lazily: a field is evaluated when read), and the
// params files are what `__ksonnet/params` imports in files a component imports.
struct EnvPrograms {
  std::string components_code;                     // ext code of __ksonnet/components
  std::map<std::string, std::string> params_code;  // module → ext code of __ksonnet/params
  std::vector<SourceMap> maps;
};

EnvPrograms add_env_programs(const EnvContext& ec, const Sources& sources, const json& params,
                             ImportConfig& cfg) {
  const auto& layout = ec.app.layout();
  EnvPrograms out;
  for (const auto& module : ec.modules) {
    std::vector<PastedComponent> comps;
    for (const auto& [name, s] : sources)
      if (s.component.module == module) comps.push_back(pasted(s));
    stdfs::path dir = layout.module_dir(module);
    std::string params_path = (dir / ".ks-params.json").string();
    cfg.virtual_files[params_path] = module_view(module, params).dump();
    out.params_code[module] = "import " + json(params_path).dump();
    if (comps.empty()) continue;
    std::string filename = (dir / ".ks-components.jsonnet").string();
    Program program = build_program(filename, comps, Binding::Imports, params_path);
    cfg.virtual_files[filename] = program.code;
    out.maps.push_back(program.map);
    out.components_code += (out.components_code.empty() ? "" : " + ") + std::string("(import ") +
                           json(filename).dump() + ")";
  }
  if (out.components_code.empty()) out.components_code = "{}";
  return out;
}

std::vector<SourceMap> with(const std::vector<SourceMap>& maps, const SourceMap& one) {
  std::vector<SourceMap> all = {one};
  all.insert(all.end(), maps.begin(), maps.end());
  return all;
}

// Evaluates groups of jsonnet components, one VM per thread. `logs` (optional, one per group)
// receive every file each group's evaluation looked at.
json evaluate_groups(const EnvContext& ec, Importer& importer, const std::vector<Group>& groups,
                     const json& params, const Sources& sources, const EnvPrograms& env,
                     std::vector<ImportLog>* logs = nullptr) {
  std::vector<std::future<json>> futures;
  if (logs) logs->assign(groups.size(), {});
  for (size_t gi = 0; gi < groups.size(); ++gi) {
    const Group& g = groups[gi];
    ImportLog* log = logs ? &(*logs)[gi] : nullptr;
    auto work = [&ec, &importer, &g, &params, &sources, &env, gi, log]() -> json {
      std::string filename =
          (ec.app.layout().module_dir(g.module) / (".ks-group-" + std::to_string(gi) + ".jsonnet"))
              .string();
      std::vector<PastedComponent> comps = paste(sources, g.components);
      auto evaluate = [&](const Program& program) {
        Vm vm(importer);
        if (log) vm.record_imports(log);
        apply_ext_vars(vm, ec);
        vm.ext_code("__ksonnet/components", env.components_code);
        vm.ext_code("__ksonnet/params", env.params_code.at(g.module));
        vm.tla_code("__ks_params", module_view(g.module, params).dump());
        vm.tla_code("__ks_env", env_json_text(ec));
        return vm.evaluate_snippet(program.filename, program.code);
      };
      Program plain = build_program(filename, comps, Binding::TopLevelArgs);
      if (ec.options.inline_imports) {
        std::vector<PastedComponent> inlined = comps;
        std::vector<std::string> texts;
        for (const auto& c : comps)
          if (!c.is_json) texts.push_back(c.text);
        InlinedImports libs =
            inline_imports(texts, stdfs::path(filename).parent_path().string(), importer, log);
        if (!libs.libraries.empty()) {
          for (size_t i = 0, t = 0; i < inlined.size(); ++i)
            if (!inlined[i].is_json) inlined[i].text = libs.texts[t++];
          try {
            return parse_output(evaluate(
                build_program(filename, inlined, Binding::TopLevelArgs, "", libs.libraries)));
          } catch (const JsonnetError&) {
            // Reported as without the pasted libraries, where every position is the user's.
          }
        }
      }
      try {
        return parse_output(evaluate(plain));
      } catch (const JsonnetError& e) {
        throw_jsonnet(e, with(env.maps, plain.map), ec);
      }
    };
    futures.push_back(
        std::async(groups.size() == 1 ? std::launch::deferred : std::launch::async, work));
  }
  json merged = json::object();
  for (auto& f : futures) {
    json part = f.get();
    for (auto it = part.begin(); it != part.end(); ++it) merged[it.key()] = it.value();
  }
  return merged;
}

// A customised environments/ENV/main.jsonnet (or base.libsonnet) sees every component through
// the __ksonnet/components ext var, as in ksonnet: one evaluation of main.jsonnet. Under -c only
// the selected fields of its result are evaluated.
json evaluate_main(const EnvContext& ec, Importer& importer, const json& params,
                   const EnvPrograms& env) {
  const auto& layout = ec.app.layout();
  Vm vm(importer);
  apply_ext_vars(vm, ec);
  vm.ext_code("__ksonnet/components", env.components_code);
  vm.ext_code("__ksonnet/params", json{{"components", params}}.dump());
  for (const auto& [k, v] : ec.options.tla_str) vm.tla_str(k, v);
  stdfs::path main = layout.env_dir(ec.env.path) / "main.jsonnet";
  SourceMap wrapper;
  wrapper.generated_name = (layout.env_dir(ec.env.path) / ".ks-main.jsonnet").string();
  try {
    std::string out;
    if (ec.options.components.empty() || !ec.options.tla_str.empty()) {
      out = vm.evaluate_file(main.string());
    } else {
      std::string code = "local __ks_main = import " + json(main.string()).dump() +
                         ";\nif std.type(__ks_main) != \"object\" then __ks_main else { [k]: "
                         "__ks_main[k] for k in std.objectFields(__ks_main) if std.member(" +
                         json(ec.options.components).dump() + ", k) }\n";
      out = vm.evaluate_snippet(wrapper.generated_name, code);
    }
    json result = parse_output(out);
    if (!result.is_object())
      throw Error(main.string() + ": must evaluate to an object keyed by component name");
    return result;
  } catch (const JsonnetError& e) {
    throw_jsonnet(e, with(env.maps, wrapper), ec);
  }
}

std::vector<app::Component> select_components(const EnvContext& ec) {
  const auto& layout = ec.app.layout();
  std::vector<app::Component> all;
  for (const auto& m : ec.modules) {
    auto cs = app::list_components(layout, m);
    all.insert(all.end(), cs.begin(), cs.end());
  }
  if (ec.options.components.empty()) return all;
  std::vector<app::Component> chosen;
  for (const auto& name : ec.options.components) {
    auto it = std::find_if(all.begin(), all.end(), [&](const auto& c) { return c.name == name; });
    if (it != all.end()) {
      chosen.push_back(*it);
      continue;
    }
    if (auto c = app::find_component(layout, name)) {
      // `ks env targets` replaces the env's modules, so the hint names the ones it renders now
      // as well: a hint that dropped them would make the next `ks apply --prune` delete their
      // objects.
      std::string modules;
      for (const auto& m : ec.modules) modules += " --module " + m;
      throw Error("component '" + name + "' is in module '" + c->module + "', which environment '" +
                  ec.env.name + "' does not render; add it with `ks env targets " + ec.env.name +
                  modules + " --module " + c->module + "`");
    }
    std::vector<std::string> names;
    for (const auto& c : all) names.push_back(c.name);
    throw Error("component '" + name + "' does not exist" +
                (names.empty() ? std::string("; the app has no components")
                               : " (components: " + str::join(names, ", ") + ")"));
  }
  return chosen;
}

std::vector<Group> make_groups(const std::vector<app::Component>& comps, int threads) {
  std::map<std::string, std::vector<app::Component>> by_module;
  for (const auto& c : comps)
    if (c.type == app::Component::Type::Jsonnet) by_module[c.module].push_back(c);
  std::vector<Group> groups;
  for (auto& [module, list] : by_module) {
    // Parallelism pays only when each thread has real work next to the shared-library parse.
    size_t k = std::max<size_t>(1, std::min<size_t>(static_cast<size_t>(threads), list.size() / 8));
    size_t per = (list.size() + k - 1) / k;
    for (size_t i = 0; i < list.size(); i += per) {
      Group g{module, {}};
      for (size_t j = i; j < std::min(list.size(), i + per); ++j) g.components.push_back(list[j]);
      groups.push_back(g);
    }
  }
  return groups;
}

EnvContext make_context(const app::App& app, const std::string& env_name, const Options& options) {
  const auto& env = app.env(env_name);
  EnvContext ec{app,           env, options, env_modules(app, env_name), app.layout().root.string(),
                json::object()};
  // Exactly ksonnet 0.13's two fields: packages do `_params + _env`, so any extra field (the env's
  // name, say) would silently overwrite a param of theirs.
  ec.environment_json = {{"namespace", env.ns}, {"server", env.server}};
  return ec;
}

// The stock path with the render cache: components whose entry is still valid are not evaluated;
// the others are evaluated in groups as without the cache, and their values stored.
json evaluate_cached(const EnvContext& ec, Importer& importer, const ImportConfig& cfg,
                     const std::vector<app::Component>& comps, int threads, const json& params,
                     const Sources& sources, const EnvPrograms& programs, CacheStats& stats) {
  RenderCache cache(ec.options.cache, importer, cache_context(ec, cfg));
  json values = json::object();
  std::map<std::string, std::string> keys;  // component → key, for those to store
  std::vector<app::Component> misses;
  for (const auto& c : comps) {
    if (c.type != app::Component::Type::Jsonnet) continue;
    const ComponentSource& s = sources.at(c.name);
    if (!cacheable_source(s.text)) {
      ++stats.uncacheable;
      misses.push_back(c);
      continue;
    }
    std::string params_json;
    if (reads_only_own_params(s.text, c.local_name))
      params_json = params.contains(c.name) ? params[c.name].dump() : "null";
    else
      params_json = "module " + module_view(c.module, params).dump();
    std::string identity =
        c.name + "\n" + c.module + "\n" + ec.app.layout().module_dir(c.module).string();
    std::string key = cache.key(identity, s.text, params_json);
    if (auto v = cache.lookup(key)) {
      values[c.name] = std::move(*v);
      ++stats.hits;
    } else {
      keys[c.name] = key;
      misses.push_back(c);
    }
  }
  if (misses.empty()) return values;
  std::vector<Group> groups = make_groups(misses, threads);
  std::vector<ImportLog> logs;
  json evaluated = evaluate_groups(ec, importer, groups, params, sources, programs, &logs);
  stats.component_vms += static_cast<int>(groups.size());
  for (size_t gi = 0; gi < groups.size(); ++gi) {
    for (const auto& c : groups[gi].components) {
      ++stats.evaluated;
      auto key = keys.find(c.name);
      if (key != keys.end() && evaluated.contains(c.name))
        cache.store(key->second, logs[gi], evaluated[c.name]);
    }
  }
  for (auto it = evaluated.begin(); it != evaluated.end(); ++it) values[it.key()] = it.value();
  return values;
}

}  // namespace

std::string jsonnet_version() {
  return ::jsonnet_version();
}

std::vector<std::string> env_modules(const app::App& app, const std::string& env_name) {
  const auto& env = app.env(env_name);
  if (env.targets.empty()) return {"/"};
  std::vector<std::string> modules;
  for (const auto& t : env.targets) {
    std::string m = t.empty() ? "/" : t;
    if (!stdfs::is_directory(app.layout().module_dir(m))) {
      throw Error("app.yaml: environment '" + env_name + "' targets module '" + m +
                  "', which does not exist (see `ks module list`)");
    }
    modules.push_back(m);
  }
  std::sort(modules.begin(), modules.end());
  return modules;
}

json evaluate_params(const app::App& app, const std::string& env, const Options& options) {
  if (env.empty()) {
    // No env: every module's own params.
    app::Environment none;
    none.name = "";
    EnvContext ec{
        app,           none, options, app::list_modules(app.layout()), app.layout().root.string(),
        json::object()};
    ec.environment_json = {{"namespace", ""}, {"server", ""}};
    Importer importer(import_config(ec));
    return module_params(ec, importer);
  }
  EnvContext ec = make_context(app, env, options);
  Importer importer(import_config(ec));
  return env_params(ec, importer, module_params(ec, importer));
}

Result render_env(const app::App& app, const std::string& env_name, const Options& options) {
  EnvContext ec = make_context(app, env_name, options);
  ImportConfig cfg = import_config(ec);
  Result result;
  InheritedKeys inherited;
  json params;
  {
    Importer params_importer(cfg);
    params = env_params(ec, params_importer, module_params(ec, params_importer, &inherited),
                        &result.cache);
  }
  std::vector<app::Component> all;
  for (const auto& m : ec.modules) {
    auto cs = app::list_components(app.layout(), m);
    all.insert(all.end(), cs.begin(), cs.end());
  }
  std::vector<app::Component> comps = select_components(ec);
  Sources sources = read_component_sources(app.layout(), all);
  require_parsed(sources, comps);
  EnvPrograms programs = add_env_programs(ec, sources, params, cfg);
  Importer importer(cfg);
  int threads = options.threads;
  if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));

  json values;
  bool custom_main = !is_stock_env(app.layout(), ec.env.path);
  if (custom_main) {
    // Not cached: a customised main.jsonnet sees every component at once.
    values = evaluate_main(ec, importer, params, programs);
  } else if (options.cache.enabled) {
    values =
        evaluate_cached(ec, importer, cfg, comps, threads, params, sources, programs, result.cache);
  } else {
    auto groups = make_groups(comps, threads);
    values = evaluate_groups(ec, importer, groups, params, sources, programs);
    result.cache.component_vms = static_cast<int>(groups.size());
    for (const auto& g : groups) result.cache.evaluated += static_cast<int>(g.components.size());
  }

  std::vector<ComponentValue> component_values;
  std::optional<std::set<std::string>> env_globals;  // read when a YAML/JSON component needs it
  for (const auto& c : comps) {
    const ComponentSource& source = sources.at(c.name);
    json v;
    if (values.contains(c.name)) {
      v = values[c.name];
    } else if (c.type != app::Component::Type::Jsonnet && !custom_main) {
      v = source.data;
    } else {
      continue;  // a customised main.jsonnet dropped it
    }
    if (c.type != app::Component::Type::Jsonnet && v.is_object() && params.contains(c.name) &&
        params[c.name].is_object()) {
      // ksonnet applied a YAML/JSON component's params as a merge patch at the object's root,
      // globals included, so `ks param set --global team ml` put `team: ml` at the root of every
      // imported object, which strict API servers reject. Only the component's own params apply.
      json patch = params[c.name];
      for (const auto& k : inherited[c.name]) patch.erase(k);
      if (!env_globals) env_globals = env_global_keys(ec, importer);
      for (const auto& k : *env_globals) patch.erase(k);
      v.merge_patch(patch);
    }
    component_values.push_back({c.name, source.display, std::move(v)});
  }
  result.objects = collect_objects(component_values, ec.env.ns);
  sort_objects(result.objects);
  return result;
}

}  // namespace ks::render
