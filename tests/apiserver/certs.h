#pragma once
// A throwaway PKI made at startup with the OpenSSL API: CA, server cert for 127.0.0.1/localhost,
// client cert. Nothing is written to disk except through the kubeconfig.
#include <string>

#include <openssl/ssl.h>

namespace kta {

struct Pki {
  std::string ca_cert;  // PEM
  std::string ca_key;
  std::string server_cert;
  std::string server_key;
  std::string client_cert;
  std::string client_key;
};

// The client certificate's subject: CN=client_user, O=client_group.
Pki make_pki(const std::string& client_user, const std::string& client_group);

// Server side TLS: our cert/key, client certificates verified against the CA but optional
// (SSL_VERIFY_PEER without FAIL_IF_NO_PEER_CERT), as kube-apiserver does.
bool configure_server_tls(SSL_CTX& ctx, const Pki& pki);

// CN and O of a peer certificate that verified against our CA; empty user when none.
struct PeerIdentity {
  std::string user;
  std::string group;
};
PeerIdentity verified_peer(const SSL* ssl);

std::string base64(const std::string& data);

}  // namespace kta
