// Format-preserving edits of params.libsonnet: set, read and remove a component's param.
#include "base/error.h"
#include "edit/edit.h"
#include "fuzz_target.h"

KS_FUZZ_TARGET(params_edit) {
  using ks::edit::Locator;
  std::string text = fuzz_text(data, size);
  try {
    ks::edit::check_expression(text, "params.libsonnet");
  } catch (const ks::Error&) {
    return ks_fuzz::kRejected;  // ks edits only files that parse
  }
  int edited = 0;
  for (const Locator& where : {Locator::top_level(), Locator::field_anywhere("components", true)}) {
    std::string out;
    try {
      out = ks::edit::set_field(text, "params.libsonnet", where, {"components", "web"}, "replicas",
                                "5");
    } catch (const ks::Error&) {
      continue;  // a shape ks refuses to edit (said with an error): fine
    }
    ++edited;
    KS_FUZZ_MUTATE_IF("params_edit", out += "}}} broken");
    // Invariants: editing a valid file gives a valid file holding the new value, and removing
    // the value again gives a valid file.
    ks::edit::check_expression(out, "edited");
    auto got = ks::edit::get_field_text(out, "edited", where, {"components", "web"}, "replicas");
    KS_FUZZ_CHECK(got && *got == "5");
    bool removed = false;
    std::string back =
        ks::edit::remove_field(out, "edited", where, {"components", "web"}, "replicas", &removed);
    KS_FUZZ_CHECK(removed);
    ks::edit::check_expression(back, "removed");
    ks::edit::field_names(out, "edited", where, {"components"});
  }
  return edited > 0 ? ks_fuzz::kAccepted : ks_fuzz::kRejected;
}
