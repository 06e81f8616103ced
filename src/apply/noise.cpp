#include "apply/noise.h"

namespace ks::apply {

nlohmann::json strip_noise(nlohmann::json object) {
  if (!object.is_object()) return object;
  object.erase("status");
  auto meta = object.find("metadata");
  if (meta == object.end() || !meta->is_object()) return object;
  for (const char* key :
       {"managedFields", "resourceVersion", "generation", "uid", "creationTimestamp", "selfLink"})
    meta->erase(key);
  auto annotations = meta->find("annotations");
  if (annotations != meta->end() && annotations->is_object()) {
    annotations->erase("kubectl.kubernetes.io/last-applied-configuration");
    if (annotations->empty()) meta->erase("annotations");
  }
  return object;
}

}  // namespace ks::apply
