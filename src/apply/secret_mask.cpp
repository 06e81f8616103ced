#include "apply/secret_mask.h"

#include "apply/applyset.h"

namespace ks::apply {

namespace {

using nlohmann::json;

bool is_secret(const json& o) {
  return o.is_object() && o.value("apiVersion", json()) == "v1" &&
         o.value("kind", json()) == "Secret";
}

// The values map of `field`, or nullptr when the side has none.
json* values_of(json& object, const char* field) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(field);
  return it != object.end() && it->is_object() ? &*it : nullptr;
}

// `side`'s values replaced; `other` is the other side's values (nullptr: none).
json masked(const json& side, const json* other, const char* changed_mark) {
  json out = json::object();
  for (const auto& [key, value] : side.items()) {
    bool changed = other && other->contains(key) && other->at(key) != value;
    out[key] = changed ? changed_mark : "***";
  }
  return out;
}

void mask_field(json* before, json* after) {
  json masked_before = before ? masked(*before, after, "*** (before)") : json();
  json masked_after = after ? masked(*after, before, "*** (after)") : json();
  if (before) *before = std::move(masked_before);
  if (after) *after = std::move(masked_after);
}

// ks's applied-digest annotation is a hash of the whole object, Secret data included: printed in
// a CI log it would let anyone test guesses of a weak secret offline.
void mask_digest(json& before, json& after) {
  auto digest_of = [](json& o) -> json* {
    if (!is_secret(o)) return nullptr;
    auto meta = o.find("metadata");
    if (meta == o.end() || !meta->is_object()) return nullptr;
    auto ann = meta->find("annotations");
    if (ann == meta->end() || !ann->is_object() || !ann->contains(kAppliedDigestAnnotation))
      return nullptr;
    return &*ann;
  };
  json* a = digest_of(before);
  json* b = digest_of(after);
  json only_a = a ? json{{kAppliedDigestAnnotation, (*a)[kAppliedDigestAnnotation]}} : json();
  json only_b = b ? json{{kAppliedDigestAnnotation, (*b)[kAppliedDigestAnnotation]}} : json();
  mask_field(a ? &only_a : nullptr, b ? &only_b : nullptr);
  if (a) (*a)[kAppliedDigestAnnotation] = only_a[kAppliedDigestAnnotation];
  if (b) (*b)[kAppliedDigestAnnotation] = only_b[kAppliedDigestAnnotation];
}

}  // namespace

void mask_secret_values(json& before, json& after) {
  if (!is_secret(before) && !is_secret(after)) return;
  for (const char* field : {"data", "stringData"}) {
    mask_field(is_secret(before) ? values_of(before, field) : nullptr,
               is_secret(after) ? values_of(after, field) : nullptr);
  }
  mask_digest(before, after);
}

}  // namespace ks::apply
