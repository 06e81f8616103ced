// The prototype header parser (`// @name`, `// @param ...`) on arbitrary prototype files.
#include "fuzz_target.h"
#include "prototypes/prototype.h"
#include "prototypes/values.h"

KS_FUZZ_TARGET(prototype_header) {
  try {
    auto proto = ks::prototypes::parse_prototype(fuzz_text(data, size), "fuzz.jsonnet");
    KS_FUZZ_CHECK(!proto.name.empty());
    for (const auto& p : proto.params) ks::prototypes::usage_line(p);
    ks::prototypes::params_usage(proto);
  } catch (const std::exception&) {
  }
  return 0;
}
