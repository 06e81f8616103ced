#pragma once
// Just enough of Kubernetes' protobuf encoding to read what `kubectl create
// namespace|configmap|secret` sends: the `k8s\0` envelope (runtime.Unknown) around a v1
// Namespace, ConfigMap or Secret. Anything else gives nullopt and the caller answers 415.
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace kta {

std::optional<nlohmann::json> decode_kube_protobuf(const std::string& body);

}  // namespace kta
