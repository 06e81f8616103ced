#pragma once
// Shared pieces of the k.libsonnet tests: the ksonnet-lib style component and what it renders.
#include <string>

#include <nlohmann/json.hpp>

namespace klib_test {

// A component written against ksonnet-lib (deployment.new + container.new + mixins for volumes,
// resources and labels, plus a Service), for the deployment API `apps_version` ("v1beta1", "v1").
std::string ksonnet_lib_component(const std::string& apps_version);

// The Deployment and Service it renders in env `default` (ks labels and namespace included).
nlohmann::json expected_objects(const std::string& apps_version);

}  // namespace klib_test
