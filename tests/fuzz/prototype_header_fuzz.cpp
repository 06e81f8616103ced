// The prototype header parser (`// @name`, `// @param ...`) on arbitrary prototype files.
#include "base/error.h"
#include "fuzz_target.h"
#include "prototypes/prototype.h"
#include "prototypes/values.h"

KS_FUZZ_TARGET(prototype_header) {
  ks::prototypes::Prototype proto;
  try {
    proto = ks::prototypes::parse_prototype(fuzz_text(data, size), "fuzz.jsonnet");
  } catch (const ks::Error&) {
    return ks_fuzz::kRejected;
  }
  KS_FUZZ_MUTATE_IF("prototype_header", proto.name.clear());
  // Invariants: a parsed prototype has a name, and its help text can always be printed.
  KS_FUZZ_CHECK(!proto.name.empty());
  for (const auto& p : proto.params) KS_FUZZ_CHECK(!ks::prototypes::usage_line(p).empty());
  ks::prototypes::params_usage(proto);
  return ks_fuzz::kAccepted;
}
