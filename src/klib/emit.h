#pragma once
// jsonnet text for a model: one file per group/version, and the index (k8s.libsonnet /
// k.libsonnet) whose fields import those files only when a component reaches them.
#include <string>

#include "klib/model.h"

namespace ks::klib {

// "" for core/v1, which the index holds itself.
std::string emit_group_version(const Model& model, const std::string& group,
                               const std::string& version, const std::string& k8s_version);

// core/v1's rarely written types (k8s.core.v1.more.libsonnet); "" when there are none.
std::string emit_core_more(const Model& model, const std::string& k8s_version);
std::string more_file_name(const std::string& group, const std::string& version);

// `extensions`: k.libsonnet (ksonnet-lib's additions: core.v1.list, mapContainers); else
// k8s.libsonnet.
std::string emit_index(const Model& model, const std::string& k8s_version, bool extensions);

}  // namespace ks::klib
