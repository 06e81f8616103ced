// Format-preserving edits of params.libsonnet: set, read and remove a component's param.
#include "base/error.h"
#include "edit/edit.h"
#include "fuzz_target.h"

KS_FUZZ_TARGET(params_edit) {
  using ks::edit::Locator;
  std::string text = fuzz_text(data, size);
  bool valid = true;
  try {
    ks::edit::check_expression(text, "params.libsonnet");
  } catch (const std::exception&) {
    valid = false;
  }
  for (const Locator& where : {Locator::top_level(), Locator::field_anywhere("components", true)}) {
    try {
      std::string out = ks::edit::set_field(text, "params.libsonnet", where, {"components", "web"},
                                            "replicas", "5");
      // Oracle: editing a valid file gives a valid file holding the new value.
      if (valid) {
        ks::edit::check_expression(out, "edited");
        auto got =
            ks::edit::get_field_text(out, "edited", where, {"components", "web"}, "replicas");
        KS_FUZZ_CHECK(got && *got == "5");
      }
      bool removed = false;
      std::string back =
          ks::edit::remove_field(out, "edited", where, {"components", "web"}, "replicas", &removed);
      if (valid) ks::edit::check_expression(back, "removed");
      ks::edit::field_names(text, "params.libsonnet", where, {"components"});
    } catch (const ks::Error&) {
    } catch (const std::exception&) {
    }
  }
  return 0;
}
