#pragma once
// The kubeconfig the server writes for its clients.
#include <string>
#include <vector>

#include "certs.h"

namespace kta {

struct KubeconfigSpec {
  std::string server;   // https://127.0.0.1:PORT
  std::string context;  // current context; cluster and cert user share the name
  std::vector<std::string> extra_contexts;
  std::string token;  // user/context `<context>-token`
};

std::string render_kubeconfig(const KubeconfigSpec& spec, const Pki& pki);

}  // namespace kta
