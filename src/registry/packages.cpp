#include "registry/packages.h"

#include <regex>

#include "app/scratch.h"
#include "base/error.h"
#include "base/fs.h"
#include "base/redact.h"
#include "base/strings.h"
#include "prototypes/catalog.h"
#include "prototypes/generate.h"
#include "registry/git.h"
#include "registry/registry.h"
#include "registry/tree.h"

namespace ks::registry {

namespace stdfs = std::filesystem;

namespace {

// A package fetched, checked and copied into a scratch folder, ready to vendor.
struct Prepared {
  std::string commit;
  std::string sha256;
  std::string ref;
  bool local = false;  // fs registry
  stdfs::path dir;
};

std::string package_of(const app::Library& lib) {
  auto it = lib.extra.find("package");
  return it != lib.extra.end() && it->is_string() ? it->get<std::string>() : lib.name;
}

bool inside(const stdfs::path& path, const stdfs::path& root) {
  std::error_code ec;
  stdfs::path p = stdfs::weakly_canonical(path, ec);
  stdfs::path r = stdfs::weakly_canonical(root, ec);
  auto rel = p.lexically_relative(r);
  return !rel.empty() && *rel.begin() != "..";
}

Prepared prepare(const app::App& app, const std::string& reg, const std::string& package,
                 const std::string& ref, const std::string& pin, const stdfs::path& scratch,
                 std::ostream& log) {
  app::Registry entry = registry_entry(app, reg);
  stdfs::create_directories(scratch);
  Fetched f = [&] {
    if (!ref.empty() && parse_location(entry.uri, entry.protocol).protocol == "fs") {
      throw Error("registry '" + reg + "' is a local folder (" + entry.uri +
                  "); it has no versions, drop '@" + ref + "'");
    }
    return fetch_registry(app, reg, entry, pin.empty() ? ref : pin, scratch, log);
  }();
  std::string what = "package " + reg + "/" + package;
  return with_context(what, [&] {
    auto lib = f.file.libraries.find(package);
    if (lib == f.file.libraries.end()) {
      std::vector<std::string> names;
      for (const auto& [n, e] : f.file.libraries) names.push_back(n);
      throw Error(
          "registry '" + reg + "' has no package '" + package + "'" +
          (names.empty() ? " (it lists none)" : " (packages: " + str::join(names, ", ") + ")"));
    }
    stdfs::path src = f.dir / lib->second.path;
    if (!stdfs::is_directory(src)) {
      throw Error("registry.yaml lists path '" + lib->second.path +
                  "' but there is no such folder" +
                  (f.commit.empty() ? "" : " at commit " + f.commit.substr(0, 12)));
    }
    if (!inside(src, f.dir))
      throw Error("path '" + lib->second.path + "' leads outside the registry (through a symlink)");
    Prepared p;
    p.commit = f.commit;
    p.local = f.location.protocol == "fs";
    p.ref = p.local ? "" : (ref.empty() ? entry.version : ref);
    p.dir = scratch / "package";
    // Messages are already prefixed with `what` (with_context above).
    copy_package(src, p.dir, "folder '" + lib->second.path + "'");
    std::string parts_text;
    if (!fs::read_file_if_exists(p.dir / "parts.yaml", parts_text))
      throw Error("no parts.yaml in '" + lib->second.path + "'");
    parse_parts_file(parts_text, lib->second.path + "/parts.yaml");
    prototypes::package_prototypes(p.dir, reg + "/" + package);  // every header must parse
    p.sha256 = tree_sha256(p.dir);
    return p;
  });
}

// ksonnet's vendor/REG/NAME@VERSION folders of `name`, which the unversioned install replaces.
std::vector<stdfs::path> versioned_dirs(const app::Layout& layout, const std::string& reg,
                                        const std::string& name) {
  std::vector<stdfs::path> out;
  for (const auto& entry : fs::list_dir(layout.vendor() / reg)) {
    if (str::starts_with(entry, name + "@")) out.push_back(layout.vendor() / reg / entry);
  }
  return out;
}

void check_name(const std::string& name, const std::string& what);

void stage_vendor(app::Transaction& txn, const app::Layout& layout, const std::string& reg,
                  const std::string& name, const stdfs::path& prepared, int index) {
  // app.yaml may come from anyone: its names must not lead outside vendor/REG/PKG.
  check_name(reg, "registry name");
  check_name(name, "package name");
  stdfs::path staged = txn.staging_dir() / ("package-" + std::to_string(index));
  stdfs::copy(prepared, staged, stdfs::copy_options::recursive);
  txn.install_dir(staged, layout.vendor() / reg / name);
  for (const auto& old : versioned_dirs(layout, reg, name)) txn.remove(old);
}

void check_name(const std::string& name, const std::string& what) {
  bool ok = !name.empty() && name != "." && name != "..";
  for (char c : name)
    ok = ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.');
  if (!ok)
    throw Error(what + " '" + name + "' is not valid; use letters, digits, '-', '_' and '.'");
}

}  // namespace

Descriptor parse_descriptor(const std::string& text) {
  static const std::regex re(R"(^([A-Za-z0-9._-]+)/([^@/]+)(@([^@]+))?$)");
  std::smatch m;
  if (!std::regex_match(text, m, re)) {
    throw Error("package '" + text +
                "' is not REGISTRY/PACKAGE[@REF] (e.g. kubeflow/core or kubeflow/core@v0.1.0)");
  }
  return {m[1], m[2], m[4]};
}

std::optional<stdfs::path> vendor_dir(const app::Layout& layout, const app::Library& lib) {
  stdfs::path plain = layout.vendor() / lib.registry / lib.name;
  if (stdfs::is_directory(plain)) return plain;
  if (!lib.version.empty()) {
    stdfs::path versioned = layout.vendor() / lib.registry / (lib.name + "@" + lib.version);
    if (stdfs::is_directory(versioned)) return versioned;
  }
  return std::nullopt;
}

std::vector<Drift> verify_packages(const app::App& app) {
  std::vector<Drift> out;
  auto check = [&](const std::string& env, const std::string& key, const app::Library& lib) {
    auto dir = vendor_dir(app.layout(), lib);
    if (!dir) {
      out.push_back({key, env, "not installed (run `ks pkg install`)", true});
      return;
    }
    std::error_code ec;
    for (auto it = stdfs::recursive_directory_iterator(*dir, ec);
         !ec && it != stdfs::recursive_directory_iterator(); it.increment(ec)) {
      auto type = it->symlink_status().type();
      if (type != stdfs::file_type::regular && type != stdfs::file_type::directory)
        out.push_back(
            {key, env,
             "'" + fs::relative_below(it->path(), *dir) + "' is not a regular file or folder",
             false});
    }
    if (lib.sha256.empty()) return;
    std::string actual = tree_sha256(*dir);
    if (actual != lib.sha256)
      out.push_back({key, env,
                     "vendored files have sha256 " + actual.substr(0, 16) +
                         "..., app.yaml records " + lib.sha256.substr(0, 16) +
                         "... (files changed after install; `ks pkg install " + key +
                         "` restores them)",
                     false});
  };
  for (const auto& [key, lib] : app.spec().libraries) check("", key, lib);
  for (const auto& [name, env] : app.spec().environments)
    for (const auto& [key, lib] : env.libraries) check(name, key, lib);
  return out;
}

InstallResult install_package(const app::App& app, const InstallRequest& request,
                              std::ostream& log) {
  const Descriptor& d = request.what;
  std::string name = request.name.empty() ? d.package : request.name;
  check_name(name, "package name");
  std::string key = d.registry + "/" + name;
  app::ScratchDir scratch(app.layout(), "pkg");
  Prepared p = prepare(app, d.registry, d.package, d.ref, "", scratch.path(), log);

  app::Library lib;
  lib.name = name;
  lib.registry = d.registry;
  lib.ref = p.ref;
  lib.commit = p.commit;
  lib.sha256 = p.sha256;
  if (name != d.package) lib.extra["package"] = d.package;
  InstallResult result{key, lib, true};

  auto existing = app.spec().libraries.find(key);
  if (existing != app.spec().libraries.end()) {
    const app::Library& old = existing->second;
    auto dir = vendor_dir(app.layout(), old);
    bool same = old.commit == lib.commit && old.sha256 == lib.sha256 && old.ref == lib.ref &&
                old.version.empty() && dir && *dir == app.layout().vendor() / d.registry / name &&
                tree_sha256(*dir) == lib.sha256;
    if (same) {
      result.changed = false;
      return result;
    }
    lib.extra.update(old.extra);
    if (name == d.package) lib.extra.erase("package");
    result.library = lib;
  }
  app::Spec spec = app.spec();
  spec.libraries[key] = lib;
  app::Transaction txn(app.layout());
  stage_vendor(txn, app.layout(), d.registry, name, p.dir, 0);
  app.stage_spec(txn, spec);
  txn.commit();
  return result;
}

std::vector<InstallResult> install_all(const app::App& app, std::ostream& log) {
  struct Item {
    std::string env;  // "" = global
    std::string key;
    app::Library lib;
  };
  std::vector<Item> items;
  for (const auto& [key, lib] : app.spec().libraries) items.push_back({"", key, lib});
  for (const auto& [name, env] : app.spec().environments)
    for (const auto& [key, lib] : env.libraries) items.push_back({name, key, lib});

  app::ScratchDir scratch(app.layout(), "pkg");
  app::Spec spec = app.spec();
  bool spec_changed = false;
  std::vector<std::pair<Item, Prepared>> work;
  std::vector<InstallResult> results;
  for (std::size_t i = 0; i < items.size(); ++i) {
    Item& item = items[i];
    app::Library& lib = item.lib;
    stdfs::path target = app.layout().vendor() / lib.registry / lib.name;
    if (!lib.sha256.empty() && stdfs::is_directory(target) && tree_sha256(target) == lib.sha256) {
      results.push_back({item.key, lib, false});
      continue;
    }
    std::string pin =
        lib.commit.empty() && git::is_commit_sha(lib.version) ? lib.version : lib.commit;
    Prepared p = with_context("library " + item.key, [&] {
      return prepare(app, lib.registry, package_of(lib), pin.empty() ? lib.ref : "", pin,
                     scratch.path() / std::to_string(i), log);
    });
    if (!lib.sha256.empty() && p.sha256 != lib.sha256) {
      std::string msg = "library " + item.key +
                        (p.commit.empty() ? "" : " at commit " + p.commit.substr(0, 12)) +
                        " has sha256 " + p.sha256.substr(0, 16) + "..., but app.yaml records " +
                        lib.sha256.substr(0, 16) + "...";
      if (!p.local)
        throw Error(msg +
                    "; the registry's content changed under the same commit. Run `ks pkg install " +
                    item.key + "` to accept it");
      log << "warning: " << msg << " (local registry changed; vendoring its current content)\n";
    }
    app::Library updated = lib;
    updated.version = "";
    updated.commit = p.commit;
    if (updated.sha256.empty()) updated.sha256 = p.sha256;
    if (!p.local && updated.ref.empty()) updated.ref = p.ref;
    bool changed_entry = updated.version != lib.version || updated.commit != lib.commit ||
                         updated.sha256 != lib.sha256 || updated.ref != lib.ref;
    if (changed_entry) {
      spec_changed = true;
      if (item.env.empty())
        spec.libraries[item.key] = updated;
      else
        spec.environments[item.env].libraries[item.key] = updated;
    }
    results.push_back({item.key, updated, true});
    work.emplace_back(item, p);
  }
  if (work.empty() && !spec_changed) return results;
  app::Transaction txn(app.layout());
  int index = 0;
  for (const auto& [item, p] : work)
    stage_vendor(txn, app.layout(), item.lib.registry, item.lib.name, p.dir, index++);
  if (spec_changed) app.stage_spec(txn, spec);
  txn.commit();
  return results;
}

std::vector<std::string> package_users(const app::App& app, const std::string& key) {
  std::vector<std::string> users;
  auto origins = prototypes::read_origins(app.layout());
  std::string escaped;
  for (char c : key) {
    if (!std::isalnum(static_cast<unsigned char>(c))) escaped += '\\';
    escaped += c;
  }
  const std::regex import_re("import(str)?\\s*(['\"]|\\|\\|\\|\\s*)" + escaped + "/");
  for (const auto& c : app::list_all_components(app.layout())) {
    auto origin = origins.find(c.name);
    if (origin != origins.end() && origin->second.package == key) {
      users.push_back(c.name + " (made from prototype " + origin->second.prototype + ")");
      continue;
    }
    if (c.type != app::Component::Type::Jsonnet) continue;
    if (std::regex_search(fs::read_file(c.file), import_re))
      users.push_back(c.name + " (imports " + key + "/...)");
  }
  return users;
}

void remove_package(const app::App& app, const std::string& key, bool force) {
  Descriptor d = parse_descriptor(key);
  if (!d.ref.empty())
    throw Error("give the package without '@" + d.ref + "': ks pkg remove " + d.registry + "/" +
                d.package);
  std::vector<std::string> envs;
  for (const auto& [name, env] : app.spec().environments)
    if (env.libraries.count(key)) envs.push_back(name);
  bool global = app.spec().libraries.count(key) > 0;
  if (!global && envs.empty()) {
    std::vector<std::string> names;
    for (const auto& [k, lib] : app.spec().libraries) names.push_back(k);
    throw Error("package '" + key + "' is not installed" +
                (names.empty() ? "" : " (installed: " + str::join(names, ", ") + ")"));
  }
  if (!force) {
    auto users = package_users(app, key);
    if (!users.empty()) {
      throw Error("package '" + key + "' is used by component" + (users.size() > 1 ? "s " : " ") +
                  str::join(users, ", ") +
                  "; remove them first (`ks component rm NAME`) or use --force");
    }
  }
  app::Spec spec = app.spec();
  app::Library lib = global ? spec.libraries[key] : spec.environments[envs.front()].libraries[key];
  spec.libraries.erase(key);
  for (const auto& e : envs) spec.environments[e].libraries.erase(key);
  app::Transaction txn(app.layout());
  txn.remove(app.layout().vendor() / d.registry / d.package);
  for (const auto& old : versioned_dirs(app.layout(), d.registry, d.package)) txn.remove(old);
  app.stage_spec(txn, spec);
  txn.commit();
}

std::vector<PackageRow> list_packages(const app::App& app, bool installed_only, std::ostream& log) {
  std::vector<PackageRow> rows;
  std::map<std::string, bool> listed;
  auto envs_of = [&](const std::string& key) {
    std::vector<std::string> out;
    for (const auto& [name, env] : app.spec().environments)
      if (env.libraries.count(key)) out.push_back(name);
    return out;
  };
  if (!installed_only) {
    for (const auto& reg : list_registries(app)) {
      Fetched f;
      try {
        f = open_registry(app, reg.name, log);
      } catch (const Error& e) {
        log << "warning: " << redact_userinfo(e.what()) << "\n";
        continue;
      }
      for (const auto& [name, entry] : f.file.libraries) {
        std::string key = reg.name + "/" + name;
        PackageRow row{reg.name, name, entry.version, false, envs_of(key), ""};
        if (auto it = app.spec().libraries.find(key); it != app.spec().libraries.end()) {
          row.installed = true;
          row.commit = it->second.commit;
        }
        listed[key] = true;
        rows.push_back(row);
      }
    }
  }
  auto add_installed = [&](const std::string& key, const app::Library& lib) {
    if (listed.count(key)) return;
    listed[key] = true;
    std::string version = lib.ref.empty() ? lib.version : lib.ref;
    rows.push_back({lib.registry, lib.name, version, app.spec().libraries.count(key) > 0,
                    envs_of(key), lib.commit});
  };
  for (const auto& [key, lib] : app.spec().libraries) add_installed(key, lib);
  for (const auto& [name, env] : app.spec().environments)
    for (const auto& [key, lib] : env.libraries) add_installed(key, lib);
  std::sort(rows.begin(), rows.end(), [](const PackageRow& a, const PackageRow& b) {
    return std::tie(a.registry, a.name) < std::tie(b.registry, b.name);
  });
  return rows;
}

PackageInfo describe_package(const app::App& app, const std::string& query, std::ostream& log) {
  std::string key = query;
  if (key.find('/') == std::string::npos) {
    std::vector<std::string> found;
    for (const auto& [k, lib] : app.spec().libraries)
      if (lib.name == query) found.push_back(k);
    if (found.empty()) {
      for (const auto& reg : list_registries(app)) {
        try {
          if (open_registry(app, reg.name, log).file.libraries.count(query))
            found.push_back(reg.name + "/" + query);
        } catch (const Error&) {
        }
      }
    }
    if (found.empty())
      throw Error("no registry has a package named '" + query + "'; see `ks pkg list`");
    if (found.size() > 1)
      throw Error("package name '" + query + "' is ambiguous: " + str::join(found, ", ") +
                  "; give REGISTRY/PACKAGE");
    key = found.front();
  }
  Descriptor d = parse_descriptor(key);
  PackageInfo info;
  info.key = d.registry + "/" + d.package;
  stdfs::path dir;
  std::string package = d.package;
  if (auto it = app.spec().libraries.find(info.key); it != app.spec().libraries.end()) {
    info.installed = true;
    info.library = it->second;
    auto vdir = vendor_dir(app.layout(), it->second);
    if (!vdir)
      throw Error("package '" + info.key +
                  "' is in app.yaml but not in vendor/; run `ks pkg install` to restore it");
    dir = *vdir;
  } else {
    Fetched f = open_registry(app, d.registry, log);
    auto lib = f.file.libraries.find(d.package);
    if (lib == f.file.libraries.end())
      throw Error("registry '" + d.registry + "' has no package '" + d.package +
                  "'; see `ks pkg list`");
    dir = f.dir / lib->second.path;
  }
  stdfs::path parts = dir / "parts.yaml";
  std::string text;
  if (!fs::read_file_if_exists(parts, text))
    throw Error("package '" + info.key + "' has no parts.yaml (" + parts.string() + ")");
  info.parts = parse_parts_file(text, parts.string());
  info.prototypes = prototypes::package_prototypes(dir, info.key);
  return info;
}

std::vector<prototypes::Prototype> prototype_catalog(const app::App& app) {
  std::vector<prototypes::Prototype> extra;
  auto add = [&](const std::string& key, const app::Library& lib) {
    if (auto dir = vendor_dir(app.layout(), lib)) {
      auto found = prototypes::package_prototypes(*dir, key);
      extra.insert(extra.end(), found.begin(), found.end());
    }
  };
  for (const auto& [key, lib] : app.spec().libraries) add(key, lib);
  for (const auto& [name, env] : app.spec().environments)
    for (const auto& [key, lib] : env.libraries) add(key, lib);
  return prototypes::merge(prototypes::system_prototypes(), extra);
}

}  // namespace ks::registry
