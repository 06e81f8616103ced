// registry.yaml and parts.yaml from untrusted registries, and the package paths they list.
#include "base/error.h"
#include "base/strings.h"
#include "fuzz_target.h"
#include "registry/formats.h"
#include "registry/repo_metadata.h"

KS_FUZZ_TARGET(registry_yaml) {
  std::string text = fuzz_text(data, size);
  int accepted = 0;
  ks::registry::RegistryFile file;
  bool registry_ok = true;
  try {
    file = ks::registry::parse_registry_file(text, "registry.yaml");
  } catch (const ks::Error&) {
    registry_ok = false;
  }
  if (registry_ok) {
    ++accepted;
    std::string out = ks::registry::emit_registry_file(file);
    KS_FUZZ_MUTATE_IF("registry_yaml", out += "libraries: [broken\n");
    // Invariants: what ks writes reads back the same, and every listed path stays inside the
    // registry and out of repository metadata.
    auto again = ks::registry::parse_registry_file(out, "emitted registry.yaml");
    KS_FUZZ_CHECK(again.libraries.size() == file.libraries.size());
    for (const auto& [name, lib] : again.libraries) {
      KS_FUZZ_CHECK(file.libraries.at(name).path == lib.path);
      KS_FUZZ_CHECK(!lib.path.empty() && lib.path[0] != '/');
      for (const auto& part : ks::str::split(ks::str::replace_all(lib.path, "\\", "/"), '/'))
        KS_FUZZ_CHECK(part != ".." && !ks::registry::is_repository_metadata(part));
    }
  }
  try {
    ks::registry::parse_parts_file(text, "parts.yaml");
    ++accepted;
  } catch (const ks::Error&) {
  }
  return accepted > 0 ? ks_fuzz::kAccepted : ks_fuzz::kRejected;
}
