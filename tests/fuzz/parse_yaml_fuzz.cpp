// std.native('parseYaml') as components call it, through a real jsonnet VM.
#include "base/error.h"
#include "base/yaml.h"
#include "fuzz_target.h"
#include "render/importer.h"
#include "render/vm.h"

namespace {

// jsonnet numbers are doubles: compare ks's reader's integers as the VM holds them.
nlohmann::json as_jsonnet_numbers(nlohmann::json v) {
  if (v.is_number_integer()) return static_cast<double>(v.get<long long>());
  if (v.is_number_unsigned()) return static_cast<double>(v.get<unsigned long long>());
  if (v.is_structured())
    for (auto& item : v) item = as_jsonnet_numbers(item);
  return v;
}

// jsonnet strings hold Unicode text: NUL bytes and invalid UTF-8 do not survive the trip into
// the VM unchanged, so only other inputs are compared with ks's reader.
bool comparable(const std::string& text) {
  if (text.find('\0') != std::string::npos) return false;
  try {
    nlohmann::json(text).dump();
    return true;
  } catch (const nlohmann::json::type_error&) {
    return false;
  }
}

}  // namespace

KS_FUZZ_TARGET(parse_yaml) {
  std::string text = fuzz_text(data, size);
  static ks::render::Importer importer(ks::render::ImportConfig{});
  ks::render::Vm vm(importer);
  vm.ext_str("text", text);
  std::string result;
  try {
    result = vm.evaluate_snippet("fuzz.jsonnet", "std.native('ks.parseYaml')(std.extVar('text'))");
  } catch (const ks::render::JsonnetError&) {
    // Rejected: then ks's reader rejects it too.
    if (comparable(text)) {
      bool reader_rejects = false;
      try {
        ks::yaml::parse_all(text, "parseYaml");
      } catch (const ks::Error&) {
        reader_rejects = true;
      }
      KS_FUZZ_CHECK(reader_rejects);
    }
    return ks_fuzz::kRejected;
  }
  nlohmann::json got = nlohmann::json::parse(result);
  KS_FUZZ_MUTATE_IF("parse_yaml", got.push_back("broken"));
  // Invariant: the native returns exactly what ks's reader reads (a list of the documents).
  if (comparable(text)) {
    KS_FUZZ_CHECK(got ==
                  as_jsonnet_numbers(nlohmann::json(ks::yaml::parse_all(text, "parseYaml"))));
  }
  KS_FUZZ_CHECK(got.is_array());
  return ks_fuzz::kAccepted;
}
