// ks's YAML reader (ks::yaml::parse_all), which reads YAML components, `ks import` files and
// std.native('parseYaml') input: aliases are bounded, merge keys resolved, and whatever it reads
// ks can write back as YAML that reads back the same.
#include "base/error.h"
#include "base/yaml.h"
#include "fuzz_target.h"

KS_FUZZ_TARGET(yaml_stream) {
  std::string text = fuzz_text(data, size);
  std::vector<nlohmann::json> docs;
  try {
    docs = ks::yaml::parse_all(text, "stream.yaml");
  } catch (const ks::Error&) {
    return ks_fuzz::kRejected;
  }
  for (const auto& doc : docs) {
    KS_FUZZ_CHECK(!doc.is_null());  // empty documents are skipped
    std::string out = ks::yaml::emit(doc);
    KS_FUZZ_MUTATE_IF("yaml_stream", out += "broken: [\n");
    // Invariant: ks's own YAML output reads back to the same value.
    KS_FUZZ_CHECK(ks::yaml::parse(out, "emitted") == doc);
  }
  return ks_fuzz::kAccepted;
}
