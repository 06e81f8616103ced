#pragma once
// ksonnet-lib's hand-written constructors (`deployment.new(name, replicas, containers, ...)`,
// `container.new(name, image)`, `volume.fromSecret(...)`): each applies to a type of that name
// whose fields have every path it uses.
#include <string>
#include <vector>

#include "klib/model.h"

namespace ks::klib {

// jsonnet fields (each ending in ",\n") for `type`; empty when none applies. Inside a kind the
// local `kind` holds {apiVersion, kind}.
std::vector<std::string> constructors_for(const Model& model, const Type& type);

}  // namespace ks::klib
