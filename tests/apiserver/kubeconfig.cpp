#include "kubeconfig.h"

#include <nlohmann/json.hpp>

#include "base/yaml.h"

namespace kta {

using nlohmann::json;

std::string render_kubeconfig(const KubeconfigSpec& spec, const Pki& pki) {
  json clusters = json::array();
  json users = json::array();
  json contexts = json::array();
  json cert_user = {{"client-certificate-data", base64(pki.client_cert)},
                    {"client-key-data", base64(pki.client_key)}};
  std::vector<std::string> names = {spec.context};
  names.insert(names.end(), spec.extra_contexts.begin(), spec.extra_contexts.end());
  for (const auto& name : names) {
    clusters.push_back(
        {{"name", name},
         {"cluster",
          {{"server", spec.server}, {"certificate-authority-data", base64(pki.ca_cert)}}}});
    users.push_back({{"name", name}, {"user", cert_user}});
    contexts.push_back({{"name", name}, {"context", {{"cluster", name}, {"user", name}}}});
  }
  std::string token_name = spec.context + "-token";
  users.push_back({{"name", token_name}, {"user", {{"token", spec.token}}}});
  contexts.push_back(
      {{"name", token_name}, {"context", {{"cluster", spec.context}, {"user", token_name}}}});
  json config = {{"apiVersion", "v1"},
                 {"kind", "Config"},
                 {"preferences", json::object()},
                 {"clusters", clusters},
                 {"users", users},
                 {"contexts", contexts},
                 {"current-context", spec.context}};
  return ks::yaml::emit(config);
}

}  // namespace kta
