#include "app/upgrade.h"

#include "app/spec.h"
#include "app/transaction.h"
#include "base/fs.h"
#include "base/yaml.h"

namespace ks::app {

Upgrade plan_upgrade(const std::filesystem::path& start) {
  Upgrade u;
  u.layout = find_layout(start);
  recover(u.layout);
  std::string path = u.layout.app_yaml().string();
  u.old_text = fs::read_file(path);
  nlohmann::json doc = yaml::parse(u.old_text, path);
  if (doc.is_object() && doc.contains("apiVersion") && doc["apiVersion"].is_string())
    u.from_version = doc["apiVersion"].get<std::string>();
  // An app.yaml already at 0.3.0 is left alone, even if ks would format it differently.
  u.new_text =
      u.from_version == kSpecApiVersion ? u.old_text : emit_spec(parse_spec(u.old_text, path));
  return u;
}

void write_upgrade(const Upgrade& upgrade) {
  if (!upgrade.needed()) return;
  Transaction txn(upgrade.layout);
  txn.write(upgrade.layout.app_yaml(), upgrade.new_text);
  txn.commit();
}

}  // namespace ks::app
