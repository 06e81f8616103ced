#include "render/stdlib/overrides.h"

#include "render/stdlib/base64.h"
#include "render/stdlib/format.h"
#include "render/stdlib/manifest_json.h"
#include "render/stdlib/manifest_yaml.h"
#include "render/stdlib/merge_patch.h"
#include "render/stdlib/sort.h"
#include "render/stdlib/strip_chars.h"

namespace ks::render::stdlib {

bool verified_for(std::string_view jsonnet_version) {
  // 0.18.0 is the release tests/render/stdlib compares against (stock messages and all). Add a
  // version here only after those tests pass when linked with it.
  return jsonnet_version == "v0.18.0";
}

void Overrides::install(JsonnetVm* vm) const {
  if (!enabled) return;
  register_sort(vm);
  register_base64(vm);
  register_strip_chars(vm);
  register_manifest_json(vm);
  register_merge_patch(vm);
  register_format(vm);
  register_manifest_yaml(vm);
}

Overrides overrides_for(std::string_view jsonnet_version) {
  Overrides o;
  if (!verified_for(jsonnet_version)) return o;
  o.enabled = true;
  o.fields = sort_fields() + base64_fields() + strip_chars_fields() + manifest_json_fields() +
             merge_patch_fields() + format_fields() + manifest_yaml_fields();
  o.prelude = "local __ks_s = std; local std = __ks_s { " + o.fields + "}; ";
  return o;
}

const Overrides& linked_overrides() {
  static const Overrides linked = overrides_for(::jsonnet_version());
  return linked;
}

}  // namespace ks::render::stdlib
