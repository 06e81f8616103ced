#pragma once
// ks init installs a minimal lib/k.libsonnet when no cluster or spec is at hand. A component
// (or a package) written against the full ksonnet-lib then stops at the first member the minimal
// one lacks, with libjsonnet's bare "field does not exist: service". This says why, and which
// command generates the full library.
#include <string>

#include "app/app.h"

namespace ks::render {

// `message`: a formatted render error ("FILE:L:C: field does not exist: NAME ..."). Returns it
// with the hint appended when the env's k.libsonnet is the minimal one and FILE imports it;
// otherwise unchanged. An app without any k.libsonnet (a fresh clone of a ksonnet app, whose
// lib/ was git-ignored) gets the same commands on "couldn't open import k.libsonnet".
std::string add_minimal_klib_hint(const std::string& message, const app::Layout& layout,
                                  const app::Environment& env);

}  // namespace ks::render
