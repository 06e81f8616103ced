#pragma once
// Byte encodings the Kubernetes protocol needs: base64 (kubeconfig *-data fields) and the
// unpadded base64url SHA-256 digest that names an ApplySet.
#include <optional>
#include <string>

namespace ks::kube {

// Decodes standard base64 (whitespace ignored); nullopt when the text is not valid base64.
std::optional<std::string> base64_decode(const std::string& text);
std::string base64_encode(const std::string& bytes);
std::string base64url_unpadded(const std::string& bytes);
std::string sha256(const std::string& bytes);  // raw 32-byte digest

}  // namespace ks::kube
