#pragma once
// Diffs never print Secret values. As `kubectl diff` does, every value under a v1 Secret's `data`
// and `stringData` becomes "***", and a value that differs between the two sides becomes
// "*** (before)" / "*** (after)", so a diff still says which keys changed. ks's own
// applied-digest annotation (a hash over the Secret's data) is masked the same way.
#include <nlohmann/json.hpp>

namespace ks::apply {

// Masks in place; either side may be null (object missing there). Objects that are not v1
// Secrets are left alone.
void mask_secret_values(nlohmann::json& before, nlohmann::json& after);

}  // namespace ks::apply
