// `ks param set` values and prototype flag values: typing command-line text.
#include <cmath>

#include "base/error.h"
#include "edit/edit.h"
#include "envs/params.h"
#include "fuzz_target.h"
#include "prototypes/values.h"

namespace {

bool all_finite(const nlohmann::json& v) {
  if (v.is_number_float()) return std::isfinite(v.get<double>());
  if (v.is_structured())
    for (const auto& item : v)
      if (!all_finite(item)) return false;
  return true;
}

}  // namespace

KS_FUZZ_TARGET(param_value) {
  std::string text = fuzz_text(data, size);
  int accepted = 0;
  for (bool as_string : {false, true}) {
    std::string source;
    try {
      source = ks::envs::param_value_source(text, as_string);
    } catch (const ks::Error&) {
      // --as-string stores any text: it never rejects.
      KS_FUZZ_CHECK(!as_string);
      continue;
    }
    KS_FUZZ_MUTATE_IF("param_value", source += "}}}");
    // Invariant: a value ks accepted is a jsonnet expression it can write into params files.
    ks::edit::check_expression(source, "value");
    ++accepted;
  }
  using ks::prototypes::ParamType;
  for (ParamType t : {ParamType::String, ParamType::Number, ParamType::NumberOrString,
                      ParamType::Bool, ParamType::Array, ParamType::Object}) {
    ks::prototypes::Param p;
    p.name = "x";
    p.type = t;
    nlohmann::json v;
    try {
      v = ks::prototypes::typed_value(p, text);
    } catch (const ks::Error&) {
      continue;
    }
    // Invariants: no infinity (it would render as null), and the literal ks writes is jsonnet.
    KS_FUZZ_CHECK(all_finite(v));
    ks::edit::check_expression(ks::edit::to_jsonnet_literal(v), "literal");
  }
  return accepted == 2 ? ks_fuzz::kAccepted : ks_fuzz::kRejected;
}
