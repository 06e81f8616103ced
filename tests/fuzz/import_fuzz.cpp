// `ks import`: the objects of a manifest file, each written as a YAML component.
#include "app/import.h"
#include "base/error.h"
#include "base/yaml.h"
#include "fuzz_target.h"

KS_FUZZ_TARGET(import) {
  std::vector<nlohmann::json> objects;
  try {
    objects = ks::app::manifest_objects(fuzz_text(data, size), "manifest.yaml");
  } catch (const ks::Error&) {
    return ks_fuzz::kRejected;
  }
  for (const auto& obj : objects) {
    std::string component = ks::yaml::emit(obj);
    KS_FUZZ_MUTATE_IF("import", component = "kind: [\n");
    // Invariant: the component file ks writes renders back to exactly the imported object.
    auto back = ks::yaml::parse_all(component, "component.yaml");
    KS_FUZZ_CHECK(back.size() == 1 && back[0] == obj);
    KS_FUZZ_CHECK(obj["metadata"]["name"].is_string() && obj["kind"].is_string());
  }
  return ks_fuzz::kAccepted;
}
