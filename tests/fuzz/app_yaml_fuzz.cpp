// app.yaml (and app.override.yaml) parsing; what parses must survive emit + parse.
#include "app/spec.h"
#include "fuzz_target.h"

KS_FUZZ_TARGET(app_yaml) {
  std::string text = fuzz_text(data, size);
  try {
    ks::app::Spec spec = ks::app::parse_spec(text, "app.yaml");
    std::string out = ks::app::emit_spec(spec);
    ks::app::Spec again = ks::app::parse_spec(out, "emitted app.yaml");
    KS_FUZZ_CHECK(ks::app::emit_spec(again) == out);
    ks::app::apply_override(spec, text, "app.override.yaml");
  } catch (const std::exception&) {
  }
  return 0;
}
