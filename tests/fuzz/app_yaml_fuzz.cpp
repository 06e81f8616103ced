// app.yaml and app.override.yaml parsing; what parses must survive emit + parse.
#include "app/spec.h"
#include "base/error.h"
#include "fuzz_target.h"

KS_FUZZ_TARGET(app_yaml) {
  std::string text = fuzz_text(data, size);
  ks::app::Spec spec;
  try {
    spec = ks::app::parse_spec(text, "app.yaml");
  } catch (const ks::Error&) {
    return ks_fuzz::kRejected;
  }
  std::string out = ks::app::emit_spec(spec);
  KS_FUZZ_MUTATE_IF("app_yaml", out += "environments: [broken\n");
  // Invariant: what ks writes back reads back to the same app.yaml.
  ks::app::Spec again = ks::app::parse_spec(out, "emitted app.yaml");
  KS_FUZZ_CHECK(ks::app::emit_spec(again) == out);
  try {
    ks::app::apply_override(spec, text, "app.override.yaml");
  } catch (const ks::Error&) {
    return ks_fuzz::kRejected;  // valid as app.yaml, not as an override file
  }
  return ks_fuzz::kAccepted;
}
