#include "certs.h"

#include <memory>
#include <vector>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>

#include "base/error.h"

namespace kta {

namespace {

struct Deleter {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
  void operator()(X509* p) const { X509_free(p); }
  void operator()(BIO* p) const { BIO_free(p); }
};
using KeyPtr = std::unique_ptr<EVP_PKEY, Deleter>;
using CertPtr = std::unique_ptr<X509, Deleter>;
using BioPtr = std::unique_ptr<BIO, Deleter>;

void check(bool ok, const char* what) {
  if (!ok) throw ks::Error(std::string("OpenSSL failed to ") + what);
}

KeyPtr make_key() {
  KeyPtr key(EVP_EC_gen("P-256"));
  check(key != nullptr, "generate an EC key");
  return key;
}

void add_name(X509_NAME* name, const char* field, const std::string& value) {
  check(X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8,
                                   reinterpret_cast<const unsigned char*>(value.c_str()), -1, -1,
                                   0) == 1,
        "set a certificate name");
}

void add_ext(X509* cert, X509* issuer, int nid, const std::string& value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
  check(ext != nullptr, "build a certificate extension");
  X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
}

struct CertSpec {
  std::string cn;
  std::string org;
  bool is_ca = false;
  std::string eku;  // serverAuth / clientAuth
  std::string san;
};

CertPtr make_cert(const CertSpec& spec, EVP_PKEY* key, X509* issuer, EVP_PKEY* issuer_key) {
  CertPtr cert(X509_new());
  check(cert != nullptr, "allocate a certificate");
  X509_set_version(cert.get(), 2);
  unsigned char serial[16];
  RAND_bytes(serial, sizeof serial);
  serial[0] &= 0x7f;
  BIGNUM* bn = BN_bin2bn(serial, sizeof serial, nullptr);
  BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
  BN_free(bn);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 60L * 60 * 24 * 365);
  X509_set_pubkey(cert.get(), key);
  X509_NAME* name = X509_get_subject_name(cert.get());
  if (!spec.org.empty()) add_name(name, "O", spec.org);
  add_name(name, "CN", spec.cn);
  X509* signer = issuer ? issuer : cert.get();
  X509_set_issuer_name(cert.get(), X509_get_subject_name(signer));
  if (spec.is_ca) {
    add_ext(cert.get(), signer, NID_basic_constraints, "critical,CA:TRUE");
    add_ext(cert.get(), signer, NID_key_usage, "critical,keyCertSign,cRLSign,digitalSignature");
  } else {
    add_ext(cert.get(), signer, NID_basic_constraints, "critical,CA:FALSE");
    add_ext(cert.get(), signer, NID_key_usage, "critical,digitalSignature,keyEncipherment");
    add_ext(cert.get(), signer, NID_ext_key_usage, spec.eku);
  }
  add_ext(cert.get(), signer, NID_subject_key_identifier, "hash");
  if (!spec.san.empty()) add_ext(cert.get(), signer, NID_subject_alt_name, spec.san);
  check(X509_sign(cert.get(), issuer_key ? issuer_key : key, EVP_sha256()) > 0,
        "sign a certificate");
  return cert;
}

std::string bio_text(BIO* bio) {
  char* data = nullptr;
  long len = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<size_t>(len));
}

std::string cert_pem(X509* cert) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  check(PEM_write_bio_X509(bio.get(), cert) == 1, "encode a certificate");
  return bio_text(bio.get());
}

std::string key_pem(EVP_PKEY* key) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  check(PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) == 1,
        "encode a private key");
  return bio_text(bio.get());
}

CertPtr read_cert(const std::string& pem) {
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  return CertPtr(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
}

KeyPtr read_key(const std::string& pem) {
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  return KeyPtr(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
}

std::string name_entry(X509_NAME* name, int nid) {
  int idx = X509_NAME_get_index_by_NID(name, nid, -1);
  if (idx < 0) return "";
  ASN1_STRING* data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, idx));
  unsigned char* utf8 = nullptr;
  int len = ASN1_STRING_to_UTF8(&utf8, data);
  if (len < 0) return "";
  std::string out(reinterpret_cast<char*>(utf8), static_cast<size_t>(len));
  OPENSSL_free(utf8);
  return out;
}

}  // namespace

Pki make_pki(const std::string& client_user, const std::string& client_group) {
  KeyPtr ca_key = make_key();
  CertPtr ca =
      make_cert({"ks-test-apiserver-ca", "", true, "", ""}, ca_key.get(), nullptr, nullptr);
  KeyPtr server_key = make_key();
  CertPtr server =
      make_cert({"ks-test-apiserver", "", false, "serverAuth", "IP:127.0.0.1,DNS:localhost"},
                server_key.get(), ca.get(), ca_key.get());
  KeyPtr client_key = make_key();
  CertPtr client = make_cert({client_user, client_group, false, "clientAuth", ""}, client_key.get(),
                             ca.get(), ca_key.get());
  return {cert_pem(ca.get()),        key_pem(ca_key.get()),  cert_pem(server.get()),
          key_pem(server_key.get()), cert_pem(client.get()), key_pem(client_key.get())};
}

bool configure_server_tls(SSL_CTX& ctx, const Pki& pki) {
  CertPtr cert = read_cert(pki.server_cert);
  KeyPtr key = read_key(pki.server_key);
  CertPtr ca = read_cert(pki.ca_cert);
  if (!cert || !key || !ca) return false;
  SSL_CTX_set_min_proto_version(&ctx, TLS1_2_VERSION);
  SSL_CTX_set_options(&ctx, SSL_OP_NO_COMPRESSION | SSL_OP_NO_SESSION_RESUMPTION_ON_RENEGOTIATION);
  if (SSL_CTX_use_certificate(&ctx, cert.get()) != 1) return false;
  if (SSL_CTX_use_PrivateKey(&ctx, key.get()) != 1) return false;
  if (X509_STORE_add_cert(SSL_CTX_get_cert_store(&ctx), ca.get()) != 1) return false;
  STACK_OF(X509_NAME)* names = sk_X509_NAME_new_null();
  sk_X509_NAME_push(names, X509_NAME_dup(X509_get_subject_name(ca.get())));
  SSL_CTX_set_client_CA_list(&ctx, names);
  SSL_CTX_set_verify(&ctx, SSL_VERIFY_PEER, nullptr);
  // With peer verification on, OpenSSL refuses to resume a session (a TLS "internal error"
  // alert) unless the context has a session id context; clients that reuse sessions, as curl
  // does across connections, would see failed handshakes.
  static const unsigned char kSessionContext[] = "ks-test-apiserver";
  SSL_CTX_set_session_id_context(&ctx, kSessionContext, sizeof kSessionContext - 1);
  return true;
}

PeerIdentity verified_peer(const SSL* ssl) {
  PeerIdentity out;
  if (!ssl) return out;
  X509* peer = SSL_get1_peer_certificate(ssl);
  if (!peer) return out;
  if (SSL_get_verify_result(ssl) == X509_V_OK) {
    X509_NAME* subject = X509_get_subject_name(peer);
    out.user = name_entry(subject, NID_commonName);
    out.group = name_entry(subject, NID_organizationName);
  }
  X509_free(peer);
  return out;
}

std::string base64(const std::string& data) {
  std::vector<unsigned char> out(4 * ((data.size() + 2) / 3) + 1);
  int n = EVP_EncodeBlock(out.data(), reinterpret_cast<const unsigned char*>(data.data()),
                          static_cast<int>(data.size()));
  return std::string(reinterpret_cast<char*>(out.data()), static_cast<size_t>(n));
}

}  // namespace kta
