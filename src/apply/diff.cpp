#include "apply/diff.h"

#include <algorithm>
#include <cstdlib>
#include <map>

#include "apply/noise.h"
#include "apply/secret_mask.h"
#include "base/error.h"
#include "base/fs.h"
#include "base/process.h"
#include "base/strings.h"
#include "base/unified_diff.h"
#include "base/yaml.h"
#include "kube/object_ref.h"

namespace ks::apply {

namespace {

using nlohmann::json;

DiffResult external_diff(const std::string& program, const std::vector<DiffPair>& pairs,
                         const std::string& old_label, const std::string& new_label) {
  fs::TempDir tmp("ks-diff-");
  auto old_dir = tmp.path() / str::replace_all(old_label, "/", "_");
  auto new_dir = tmp.path() / str::replace_all(new_label, "/", "_");
  std::filesystem::create_directories(old_dir);
  std::filesystem::create_directories(new_dir);
  for (const DiffPair& p : pairs) {
    if (!p.old_yaml.empty()) fs::write_file_atomic(old_dir / p.name, p.old_yaml);
    if (!p.new_yaml.empty()) fs::write_file_atomic(new_dir / p.name, p.new_yaml);
  }
  std::vector<std::string> argv;
  for (const std::string& part : str::split(program, ' '))
    if (!part.empty()) argv.push_back(part);
  argv.push_back(old_dir.string());
  argv.push_back(new_dir.string());
  process::Result r = process::run(argv);
  if (r.exit_code > 1)
    throw Error("KS_EXTERNAL_DIFF program '" + program + "' failed with exit code " +
                std::to_string(r.exit_code) + (r.err.empty() ? "" : ": " + str::trim(r.err)));
  return {r.exit_code == 1, r.out, {}};
}

std::string key_of(const kube::ObjectRef& r) {
  return r.group() + "|" + r.kind + "|" + r.namespace_ + "|" + r.name;
}

}  // namespace

std::string diff_yaml(const json& object) {
  return object.is_null() ? "" : yaml::emit(strip_noise(object));
}

DiffResult render_diff(const std::vector<DiffPair>& pairs, const std::string& old_label,
                       const std::string& new_label) {
  const char* external = std::getenv("KS_EXTERNAL_DIFF");
  if (external && *external) return external_diff(external, pairs, old_label, new_label);
  DiffResult result;
  for (const DiffPair& p : pairs) {
    std::string d = text::unified_diff(p.old_yaml, p.new_yaml, old_label + "/" + p.name,
                                       new_label + "/" + p.name, 3);
    if (!d.empty()) result.differs = true;
    result.text += d;
  }
  return result;
}

DiffResult diff_rendered(const std::vector<json>& old_objects, const std::vector<json>& new_objects,
                         const std::string& old_label, const std::string& new_label) {
  std::map<std::string, std::pair<kube::ObjectRef, json>> olds;
  for (const json& o : old_objects) olds[key_of(kube::ref_of(o))] = {kube::ref_of(o), o};
  std::vector<DiffPair> pairs;
  for (const json& n : new_objects) {
    kube::ObjectRef ref = kube::ref_of(n);
    auto it = olds.find(key_of(ref));
    json old = it == olds.end() ? json(nullptr) : it->second.second;
    if (it != olds.end()) olds.erase(it);
    json now = n;
    mask_secret_values(old, now);
    pairs.push_back({ref.file_name(), diff_yaml(old), diff_yaml(now)});
  }
  for (auto& [_, entry] : olds) {
    json none;
    mask_secret_values(entry.second, none);
    pairs.push_back({entry.first.file_name(), diff_yaml(entry.second), ""});
  }
  std::sort(pairs.begin(), pairs.end(),
            [](const DiffPair& a, const DiffPair& b) { return a.name < b.name; });
  return render_diff(pairs, old_label, new_label);
}

}  // namespace ks::apply
