// `ks param set` values and prototype flag values: typing command-line text.
#include "edit/edit.h"
#include "envs/params.h"
#include "fuzz_target.h"
#include "prototypes/values.h"

KS_FUZZ_TARGET(param_value) {
  std::string text = fuzz_text(data, size);
  for (bool as_string : {false, true}) {
    try {
      std::string source = ks::envs::param_value_source(text, as_string);
      // Oracle: a value ks accepted is a jsonnet expression it can write into params files.
      ks::edit::check_expression(source, "value");
    } catch (const std::exception&) {
    }
  }
  using ks::prototypes::ParamType;
  for (ParamType t : {ParamType::String, ParamType::Number, ParamType::NumberOrString,
                      ParamType::Bool, ParamType::Array, ParamType::Object}) {
    try {
      ks::prototypes::Param p;
      p.name = "x";
      p.type = t;
      nlohmann::json v = ks::prototypes::typed_value(p, text);
      ks::edit::check_expression(ks::edit::to_jsonnet_literal(v), "literal");
    } catch (const std::exception&) {
    }
  }
  return 0;
}
