#include "prototypes/catalog.h"

#include <algorithm>
#include <map>

#include "base/error.h"
#include "base/fs.h"
#include "base/strings.h"
#include "prototypes/system/system.h"

namespace ks::prototypes {

namespace stdfs = std::filesystem;

std::vector<Prototype> system_prototypes() {
  std::vector<Prototype> out;
  for (const char* text :
       {system::kConfigMap, system::kCustomResource, system::kDeployedService, system::kNamespace,
        system::kSinglePortDeployment, system::kSinglePortService}) {
    out.push_back(parse_prototype(text, "system"));
  }
  std::sort(out.begin(), out.end(),
            [](const Prototype& a, const Prototype& b) { return a.name < b.name; });
  return out;
}

std::vector<Prototype> package_prototypes(const stdfs::path& package_dir,
                                          const std::string& package) {
  std::vector<Prototype> out;
  stdfs::path dir = package_dir / "prototypes";
  if (!stdfs::is_directory(dir)) return out;
  for (const auto& name : fs::list_dir(dir)) {
    if (!str::ends_with(name, ".jsonnet") || !stdfs::is_regular_file(dir / name)) continue;
    Prototype p = parse_prototype(fs::read_file(dir / name), (dir / name).string());
    p.package = package;
    out.push_back(std::move(p));
  }
  return out;
}

std::vector<Prototype> merge(std::vector<Prototype> base, const std::vector<Prototype>& extra) {
  std::map<std::string, Prototype> by_name;
  for (auto& p : base) by_name[p.name] = std::move(p);
  for (const auto& p : extra) by_name[p.name] = p;
  std::vector<Prototype> out;
  for (auto& [name, p] : by_name) out.push_back(std::move(p));
  return out;
}

const Prototype& resolve(const std::vector<Prototype>& all, const std::string& query) {
  if (query.empty()) throw Error("prototype name is empty; see `ks prototype list`");
  for (const auto& p : all)
    if (p.name == query) return p;
  std::vector<const Prototype*> suffix;
  for (const auto& p : all) {
    if (str::ends_with(p.name, query)) suffix.push_back(&p);
  }
  if (suffix.size() == 1) return *suffix.front();
  if (suffix.size() > 1) {
    std::vector<std::string> names;
    for (const auto* p : suffix) names.push_back(p->name);
    throw Error("prototype name '" + query + "' is ambiguous: " + str::join(names, ", ") +
                "; give more of the name");
  }
  std::vector<std::string> partial;
  for (const auto& p : all) {
    if (p.name.find(query) != std::string::npos) partial.push_back(p.name);
  }
  if (partial.empty()) {
    throw Error("no prototype names matched '" + query +
                "'; see `ks prototype list` (install packages with `ks pkg install`)");
  }
  throw Error("no prototype names matched '" + query +
              "'; did you mean: " + str::join(partial, ", ") + "?");
}

std::vector<const Prototype*> search(const std::vector<Prototype>& all, const std::string& text) {
  std::string needle = str::to_lower(text);
  std::vector<const Prototype*> out;
  for (const auto& p : all) {
    if (str::to_lower(p.name).find(needle) != std::string::npos ||
        str::to_lower(p.short_description).find(needle) != std::string::npos) {
      out.push_back(&p);
    }
  }
  return out;
}

}  // namespace ks::prototypes
