#include "registry/registry.h"

#include <nlohmann/json.hpp>

#include "app/scratch.h"
#include "base/error.h"
#include "base/fs.h"
#include "base/strings.h"
#include "base/yaml.h"
#include "registry/git.h"
#include "registry/registry_cache.h"

namespace ks::registry {

namespace stdfs = std::filesystem;
using nlohmann::json;

namespace {

std::string extra_string(const json& extra, const char* key) {
  auto it = extra.find(key);
  return it != extra.end() && it->is_string() ? it->get<std::string>() : "";
}

void stage_override(app::Transaction& txn, const app::App& app, const std::string& name,
                    const app::Registry* entry) {
  const auto path = app.layout().override_yaml();
  std::string text;
  json doc = json::object();
  if (fs::read_file_if_exists(path, text)) doc = yaml::parse(text, path.string());
  if (!doc.is_object()) doc = json::object();
  doc["apiVersion"] = app::kSpecApiVersion;
  doc["kind"] = "ksonnet.io/app-override";
  if (entry) {
    json v = {{"protocol", entry->protocol}, {"uri", entry->uri}};
    if (!entry->version.empty()) v["version"] = entry->version;
    if (!entry->commit.empty()) v["commit"] = entry->commit;
    doc["registries"][name] = v;
  } else if (doc.contains("registries") && doc["registries"].is_object()) {
    doc["registries"].erase(name);
    if (doc["registries"].empty()) doc.erase("registries");
  }
  bool has_envs = doc.contains("environments") && doc["environments"].is_object() &&
                  !doc["environments"].empty();
  bool has_regs =
      doc.contains("registries") && doc["registries"].is_object() && !doc["registries"].empty();
  if (has_envs || has_regs)
    txn.write(path, yaml::emit(doc));
  else
    txn.remove(path);
}

void stage_entry(app::Transaction& txn, const app::App& app, const std::string& name,
                 const app::Registry* entry, bool override_file) {
  if (override_file) {
    stage_override(txn, app, name, entry);
    return;
  }
  app::Spec spec = app.spec();
  if (entry)
    spec.registries[name] = *entry;
  else
    spec.registries.erase(name);
  app.stage_spec(txn, spec);
}

app::Registry fetch_new_entry(const app::App& app, const std::string& name, const std::string& uri,
                              const std::string& version, const stdfs::path& scratch,
                              Fetched& fetched, std::ostream& log) {
  Location loc = with_context("registry '" + name + "'", [&] { return parse_location(uri); });
  app::Registry entry;
  entry.protocol = loc.protocol;
  entry.uri = loc.protocol == "fs" ? loc.path : uri;
  if (loc.protocol == "fs" && !version.empty()) {
    throw Error("registry '" + name + "' (" + uri +
                ") is a local folder; --version applies only to git registries");
  }
  entry.version = version.empty() ? loc.ref : version;
  fetched = fetch_registry(app, name, entry, entry.version, scratch, log);
  entry.commit = fetched.commit;
  return entry;
}

}  // namespace

void validate_registry_name(const std::string& name) {
  bool ok = !name.empty() && name != "." && name != "..";
  for (char c : name)
    ok = ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.');
  if (!ok)
    throw Error("registry name '" + name + "' is not valid; use letters, digits, '-', '_' and '.'");
}

app::Registry registry_entry(const app::App& app, const std::string& name) {
  const app::Registry* r = app.spec().find_registry(name);
  if (!r) {
    std::vector<std::string> names;
    for (const auto& [n, e] : app.spec().registries) names.push_back(n);
    for (const auto& [n, e] : app.spec().registry_overrides)
      if (!app.spec().registries.count(n)) names.push_back(n);
    throw Error("registry '" + name + "' is not in app.yaml" +
                (names.empty() ? "; add it with `ks registry add " + name + " URI`"
                               : " (registries: " + str::join(names, ", ") + ")"));
  }
  app::Registry out = *r;
  if (out.version.empty()) out.version = extra_string(out.extra, "version");
  if (out.commit.empty()) out.commit = extra_string(out.extra, "commit");
  out.extra.erase("version");
  out.extra.erase("commit");
  return out;
}

Fetched fetch_registry(const app::App& app, const std::string& name, const app::Registry& entry,
                       const std::string& ref, const stdfs::path& scratch, std::ostream& log) {
  return with_context("registry '" + name + "' (" + entry.uri + ")", [&] {
    Fetched f;
    f.location = parse_location(entry.uri, entry.protocol);
    if (f.location.protocol == "fs") {
      stdfs::path dir = f.location.path;
      if (dir.is_relative()) dir = app.layout().root / dir;
      if (!stdfs::is_directory(dir)) throw Error("folder " + dir.string() + " does not exist");
      f.dir = dir;
    } else {
      std::string want = ref;
      if (want.empty()) want = entry.commit;
      if (want.empty()) want = entry.version.empty() ? f.location.ref : entry.version;
      f.commit = git::resolve(f.location.url, want, log);
      f.dir = scratch / "registry";
      std::error_code ec;
      stdfs::remove_all(f.dir, ec);
      git::extract(f.location.url, f.commit, f.location.subdir, f.dir);
    }
    stdfs::path file = f.dir / "registry.yaml";
    std::string text;
    if (!fs::read_file_if_exists(file, text)) {
      std::string where = f.location.protocol == "fs"
                              ? f.dir.string()
                              : (f.location.subdir.empty() ? "the repository root"
                                                           : "'" + f.location.subdir + "'") +
                                    std::string(" at commit ") + f.commit.substr(0, 12);
      throw Error("no registry.yaml in " + where);
    }
    std::string source =
        f.location.protocol == "fs"
            ? file.string()
            : (f.location.subdir.empty() ? "" : f.location.subdir + "/") + "registry.yaml";
    f.file = parse_registry_file(text, source);
    return f;
  });
}

Fetched open_registry(const app::App& app, const std::string& name, std::ostream& log) {
  app::Registry entry = registry_entry(app, name);
  Location loc = with_context("registry '" + name + "' (" + entry.uri + ")",
                              [&] { return parse_location(entry.uri, entry.protocol); });
  if (loc.protocol == "fs") return fetch_registry(app, name, entry, "", {}, log);
  if (auto cached = read_cache(app.layout(), name, entry)) return *cached;
  stdfs::path cache_parent = app.layout().registry_cache();
  stdfs::create_directories(cache_parent);
  fs::TempDir scratch(".fetch-", cache_parent);
  Fetched f = fetch_registry(app, name, entry, "", scratch.path(), log);
  write_cache(app.layout(), name, entry, f);
  if (auto cached = read_cache(app.layout(), name, entry)) return *cached;
  return f;
}

app::Registry add_registry(const app::App& app, const AddRequest& request, std::ostream& log) {
  validate_registry_name(request.name);
  const auto& spec = app.spec();
  bool exists = request.override_file ? spec.registry_overrides.count(request.name) > 0
                                      : spec.registries.count(request.name) > 0;
  if (exists) {
    throw Error("registry '" + request.name + "' already exists in " +
                (request.override_file ? "app.override.yaml" : "app.yaml") +
                "; change it with `ks registry set " + request.name +
                " --uri URI` or remove it first");
  }
  app::ScratchDir scratch(app.layout(), "registry");
  Fetched fetched;
  app::Registry entry = fetch_new_entry(app, request.name, request.uri, request.version,
                                        scratch.path(), fetched, log);
  app::Transaction txn(app.layout());
  stage_entry(txn, app, request.name, &entry, request.override_file);
  stage_cache(txn, app.layout(), request.name, entry, fetched);
  txn.commit();
  return entry;
}

app::Registry set_registry(const app::App& app, const SetRequest& request, std::ostream& log) {
  app::Registry old = registry_entry(app, request.name);
  bool in_override = app.spec().registry_overrides.count(request.name) > 0;
  if (!request.uri && !request.version)
    throw Error("nothing to change; give --uri and/or --version");
  std::string uri = request.uri.value_or(old.uri);
  std::string version = request.version ? *request.version : (request.uri ? "" : old.version);
  if (!request.uri && !request.version->empty() && old.protocol == "fs") {
    throw Error("registry '" + request.name +
                "' is a local folder; --version applies only to git registries");
  }
  app::ScratchDir scratch(app.layout(), "registry");
  Fetched fetched;
  app::Registry entry =
      fetch_new_entry(app, request.name, uri, version, scratch.path(), fetched, log);
  entry.extra = old.extra;
  app::Transaction txn(app.layout());
  stage_entry(txn, app, request.name, &entry, in_override);
  stage_cache(txn, app.layout(), request.name, entry, fetched);
  txn.commit();
  return entry;
}

void remove_registry(const app::App& app, const std::string& name) {
  registry_entry(app, name);
  std::vector<std::string> users;
  for (const auto& [key, lib] : app.spec().libraries)
    if (lib.registry == name) users.push_back(key);
  for (const auto& env_name : app.spec().env_names()) {
    for (const auto& [key, lib] : app.spec().find_env(env_name)->libraries)
      if (lib.registry == name) users.push_back(key + " (env " + env_name + ")");
  }
  if (!users.empty()) {
    throw Error("registry '" + name + "' still has installed packages: " + str::join(users, ", ") +
                "; remove them first with `ks pkg remove`");
  }
  app::Transaction txn(app.layout());
  if (app.spec().registries.count(name)) stage_entry(txn, app, name, nullptr, false);
  if (app.spec().registry_overrides.count(name)) stage_entry(txn, app, name, nullptr, true);
  txn.remove(app.layout().registry_cache() / name);
  txn.commit();
}

std::vector<RegistryRow> list_registries(const app::App& app) {
  std::vector<RegistryRow> rows;
  std::map<std::string, bool> names;
  for (const auto& [n, e] : app.spec().registries) names[n] = false;
  for (const auto& [n, e] : app.spec().registry_overrides) names[n] = true;
  for (const auto& [n, is_override] : names)
    rows.push_back({n, is_override, registry_entry(app, n)});
  return rows;
}

}  // namespace ks::registry
