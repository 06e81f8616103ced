// registry.yaml and parts.yaml from untrusted registries.
#include "fuzz_target.h"
#include "registry/formats.h"

KS_FUZZ_TARGET(registry_yaml) {
  std::string text = fuzz_text(data, size);
  try {
    auto file = ks::registry::parse_registry_file(text, "registry.yaml");
    std::string out = ks::registry::emit_registry_file(file);
    ks::registry::parse_registry_file(out, "emitted registry.yaml");
  } catch (const std::exception&) {
  }
  try {
    ks::registry::parse_parts_file(text, "parts.yaml");
  } catch (const std::exception&) {
  }
  try {
    ks::registry::check_package_path(text, "path");
  } catch (const std::exception&) {
  }
  return 0;
}
