#include "kube/http_client.h"

#include <curl/curl.h>

#include <atomic>
#include <cstdlib>
#include <ctime>
#include <mutex>
#include <utility>
#include <vector>

#include "base/error.h"
#include "base/fs.h"
#include "base/strings.h"
#include "kube/exec_credentials.h"
#include "kube/retry.h"

namespace ks::kube {

namespace {

// Idle connections kept for reuse; above any sensible --concurrency.
constexpr long kMaxConnections = 128;

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Credentials {
  std::string bearer;
  std::string cert_pem;
  std::string key_pem;
};

// Collects a response body, refusing one over the configured size (a hostile or broken server
// must not make ks allocate without bound).
struct BodySink {
  std::string* body;
  std::size_t max;
  bool exceeded = false;
};

size_t on_body(char* data, size_t size, size_t n, void* user) {
  auto* sink = static_cast<BodySink*>(user);
  size_t bytes = size * n;
  if (sink->body->size() + bytes > sink->max) {
    sink->exceeded = true;
    return 0;  // aborts the transfer
  }
  sink->body->append(data, bytes);
  return bytes;
}

size_t on_header(char* data, size_t size, size_t n, void* user) {
  auto* r = static_cast<Response*>(user);
  std::string line(data, size * n);
  auto colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = str::to_lower(str::trim(line.substr(0, colon)));
    std::string value = str::trim(line.substr(colon + 1));
    if (name == "content-type") r->content_type = value;
    if (name == "retry-after")
      r->retry_after_seconds = parse_retry_after(value, std::time(nullptr));
  }
  return size * n;
}

// libcurl's progress callback (about once a second): a slow answer is announced, not waited for
// in silence.
int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  static_cast<WaitNotice*>(user)->tick();
  return 0;
}

std::string read_required(const std::string& path, const std::string& what) {
  std::string text;
  if (!fs::read_file_if_exists(path, text)) throw Error("cannot read " + what + " " + path);
  return text;
}

// host and port of an http(s) URL, for CURLOPT_CONNECT_TO with tls-server-name.
struct HostPort {
  std::string scheme, host, port, rest;
};

HostPort split_url(const std::string& url) {
  HostPort hp;
  std::string s = url;
  auto p = s.find("://");
  hp.scheme = p == std::string::npos ? "https" : s.substr(0, p);
  s = p == std::string::npos ? s : s.substr(p + 3);
  auto slash = s.find('/');
  std::string authority = slash == std::string::npos ? s : s.substr(0, slash);
  hp.rest = slash == std::string::npos ? "" : s.substr(slash);
  auto colon = authority.rfind(':');
  if (colon != std::string::npos && authority.find(']', colon) == std::string::npos) {
    hp.host = authority.substr(0, colon);
    hp.port = authority.substr(colon + 1);
  } else {
    hp.host = authority;
    hp.port = hp.scheme == "http" ? "80" : "443";
  }
  return hp;
}

}  // namespace

struct HttpClient::Impl {
  Connection conn;
  ClientOptions options;
  std::string base_url;    // the URL requests go to (tls-server-name host when set)
  std::string connect_to;  // "name:port:host:port" when tls-server-name is set
  std::string ca_pem;
  std::string static_cert_pem, static_key_pem;
  std::unique_ptr<ExecCredentialProvider> exec;

  CURLSH* share = nullptr;
  std::mutex share_locks[CURL_LOCK_DATA_LAST];
  std::mutex pool_mu;
  std::vector<CURL*> pool;

  std::atomic<int> refused_in_a_row{0};
  std::mutex unreachable_mu;
  std::string unreachable_message;  // set once the server counts as down

  static void lock(CURL*, curl_lock_data data, curl_lock_access, void* user) {
    static_cast<Impl*>(user)->share_locks[data].lock();
  }
  static void unlock(CURL*, curl_lock_data data, void* user) {
    static_cast<Impl*>(user)->share_locks[data].unlock();
  }

  CURL* acquire() {
    {
      std::lock_guard<std::mutex> l(pool_mu);
      if (!pool.empty()) {
        CURL* h = pool.back();
        pool.pop_back();
        return h;
      }
    }
    CURL* h = curl_easy_init();
    if (!h) throw Error("cannot initialise libcurl");
    return h;
  }
  void release(CURL* h) {
    std::lock_guard<std::mutex> l(pool_mu);
    pool.push_back(h);
  }

  Credentials credentials() {
    Credentials c;
    const UserConfig& u = conn.user;
    c.cert_pem = static_cert_pem;
    c.key_pem = static_key_pem;
    if (!u.token.empty()) {
      c.bearer = u.token;
    } else if (!u.token_file.empty()) {
      c.bearer = str::trim(read_required(u.token_file, "tokenFile"));  // re-read: tokens rotate
    }
    if (exec) {
      ExecCredential e = exec->get();
      if (!e.token.empty()) c.bearer = e.token;
      if (!e.client_certificate_data.empty()) {
        c.cert_pem = e.client_certificate_data;
        c.key_pem = e.client_key_data;
      }
    }
    return c;
  }

  Response perform(const Request& req) {
    Credentials cred = credentials();
    CURL* h = acquire();
    curl_easy_reset(h);  // keeps the handle's live connections
    Response r;
    char errbuf[CURL_ERROR_SIZE] = {0};
    curl_slist* headers = nullptr;
    std::string url = base_url + req.path;
    curl_easy_setopt(h, CURLOPT_SHARE, share);
    curl_easy_setopt(h, CURLOPT_URL, url.c_str());
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    // Send the path as built: libcurl would otherwise squash `/./` and `/../` segments, turning
    // a request for an object into one for its collection or namespace.
    curl_easy_setopt(h, CURLOPT_PATH_AS_IS, 1L);
    // The shared connection cache closes its oldest connection when it holds more than this
    // (libcurl's default is 5): below the apply concurrency, nearly every request paid a new TCP
    // connection and TLS handshake.
    curl_easy_setopt(h, CURLOPT_MAXCONNECTS, kMaxConnections);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(h, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS));
    // gzip only, as kubectl and the API server: "" would also offer br and zstd, which cost a
    // server far more CPU per small response than they save on the wire.
    curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "gzip");
    curl_easy_setopt(h, CURLOPT_USERAGENT, options.user_agent.c_str());
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(options.request_timeout.count()));
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(options.connect_timeout.count()));
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
    BodySink sink{&r.body, options.max_body_bytes};
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &sink);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, &r);
    WaitNotice slow(
        options.on_waiting,
        "the server to answer " + req.method + " " + str::split(req.path, '?')[0],
        "the " + std::to_string(options.request_timeout.count() / 1000) + "s request timeout");
    if (options.on_waiting) {
      curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
      curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, on_progress);
      curl_easy_setopt(h, CURLOPT_XFERINFODATA, &slow);
    }
    curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, req.method.c_str());
    if (req.method == "GET") curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
    if (!req.body.empty() || req.method == "PATCH" || req.method == "POST" || req.method == "PUT") {
      curl_easy_setopt(h, CURLOPT_POSTFIELDS, req.body.c_str());
      curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, static_cast<long>(req.body.size()));
      curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, req.method.c_str());
    }
    curl_slist* connect_list = nullptr;
    if (!connect_to.empty()) {
      connect_list = curl_slist_append(connect_list, connect_to.c_str());
      curl_easy_setopt(h, CURLOPT_CONNECT_TO, connect_list);
    }
    headers = curl_slist_append(headers, ("Accept: " + req.accept).c_str());
    if (!req.content_type.empty())
      headers = curl_slist_append(headers, ("Content-Type: " + req.content_type).c_str());
    headers = curl_slist_append(headers, "Expect:");
    if (!cred.bearer.empty())
      headers = curl_slist_append(headers, ("Authorization: Bearer " + cred.bearer).c_str());
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
    if (!conn.user.username.empty() || !conn.user.password.empty()) {
      curl_easy_setopt(h, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
      curl_easy_setopt(h, CURLOPT_USERNAME, conn.user.username.c_str());
      curl_easy_setopt(h, CURLOPT_PASSWORD, conn.user.password.c_str());
    }
    if (conn.cluster.insecure_skip_tls_verify) {
      curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 0L);
      curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 0L);
    } else if (!ca_pem.empty()) {
      curl_blob blob{ca_pem.data(), ca_pem.size(), CURL_BLOB_COPY};
      curl_easy_setopt(h, CURLOPT_CAINFO_BLOB, &blob);
    }
    if (!cred.cert_pem.empty()) {
      curl_blob cert{cred.cert_pem.data(), cred.cert_pem.size(), CURL_BLOB_COPY};
      curl_blob key{cred.key_pem.data(), cred.key_pem.size(), CURL_BLOB_COPY};
      curl_easy_setopt(h, CURLOPT_SSLCERT_BLOB, &cert);
      curl_easy_setopt(h, CURLOPT_SSLCERTTYPE, "PEM");
      curl_easy_setopt(h, CURLOPT_SSLKEY_BLOB, &key);
      curl_easy_setopt(h, CURLOPT_SSLKEYTYPE, "PEM");
    }
    if (!conn.cluster.proxy_url.empty())
      curl_easy_setopt(h, CURLOPT_PROXY, conn.cluster.proxy_url.c_str());

    CURLcode rc = curl_easy_perform(h);
    if (rc == CURLE_OK) {
      curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &r.status);
    } else {
      r.status = 0;
      r.body.clear();
      r.transport_error = errbuf[0] ? std::string(errbuf) : curl_easy_strerror(rc);
    }
    // A certificate signed by another CA of the same name (a recreated cluster) fails inside
    // OpenSSL's signature check, which libcurl reports as a generic handshake error; the verify
    // result tells them apart.
    long verify_result = 0;
    if (rc != CURLE_OK && !conn.cluster.insecure_skip_tls_verify)
      curl_easy_getinfo(h, CURLINFO_SSL_VERIFYRESULT, &verify_result);
    curl_slist_free_all(headers);
    curl_slist_free_all(connect_list);
    release(h);
    // Permanent TLS failures: retrying cannot help, and the user needs to know which kubeconfig
    // entry to fix rather than an OpenSSL error string.
    if (rc == CURLE_PEER_FAILED_VERIFICATION ||
        (rc == CURLE_SSL_CONNECT_ERROR && verify_result != 0))
      throw Error(ca_pem.empty()
                      ? "the server's certificate is not signed by a CA this machine trusts, and "
                        "kubeconfig cluster '" +
                            conn.context.cluster + "' names none (" + base_url + ": " +
                            r.transport_error +
                            "); set that cluster's certificate-authority-data in the kubeconfig"
                      : "the server's certificate is not signed by the CA in kubeconfig cluster '" +
                            conn.context.cluster + "' (" + base_url + ": " + r.transport_error +
                            "); if the cluster was recreated, update that cluster's "
                            "certificate-authority-data in the kubeconfig");
    if (rc == CURLE_SSL_CACERT_BADFILE)
      throw Error("the CA certificate of kubeconfig cluster '" + conn.context.cluster +
                  "' cannot be used (" + r.transport_error +
                  "); check its certificate-authority(-data) in the kubeconfig");
    if (rc == CURLE_SSL_CERTPROBLEM)
      throw Error("the client certificate of kube user '" + conn.context.user +
                  "' cannot be used (" + r.transport_error + "); check the kubeconfig");
    r.connect_refused = rc == CURLE_COULDNT_CONNECT || rc == CURLE_COULDNT_RESOLVE_HOST ||
                        rc == CURLE_COULDNT_RESOLVE_PROXY;
    if (rc == CURLE_OPERATION_TIMEDOUT)
      r.transport_error = "no answer within the " +
                          std::to_string(options.request_timeout.count() / 1000) +
                          "s request timeout (" + r.transport_error + ")";
    if (sink.exceeded)
      throw Error("the response to " + req.method + " " + str::split(req.path, '?')[0] +
                  " is larger than " + std::to_string(options.max_body_bytes) +
                  " bytes; refused (raise --max-response-bytes if it is expected)");
    return r;
  }
};

HttpClient::HttpClient(const Connection& connection, ClientOptions options)
    : impl_(std::make_unique<Impl>()) {
  global_init();
  Impl& m = *impl_;
  m.conn = connection;
  m.options = std::move(options);
  const ClusterConfig& cl = connection.cluster;
  std::string server = connection.context.server;
  while (!server.empty() && server.back() == '/') server.pop_back();
  if (server.find("://") == std::string::npos) server = "https://" + server;
  m.base_url = server;
  if (!cl.tls_server_name.empty()) {
    HostPort hp = split_url(server);
    m.base_url = hp.scheme + "://" + cl.tls_server_name + ":" + hp.port + hp.rest;
    m.connect_to = cl.tls_server_name + ":" + hp.port + ":" + hp.host + ":" + hp.port;
  }
  m.ca_pem = !cl.certificate_authority_data.empty() ? cl.certificate_authority_data
             : !cl.certificate_authority.empty()
                 ? read_required(cl.certificate_authority, "certificate-authority")
                 : "";
  const UserConfig& u = connection.user;
  m.static_cert_pem = !u.client_certificate_data.empty() ? u.client_certificate_data
                      : !u.client_certificate.empty()
                          ? read_required(u.client_certificate, "client-certificate")
                          : "";
  m.static_key_pem = !u.client_key_data.empty() ? u.client_key_data
                     : !u.client_key.empty()    ? read_required(u.client_key, "client-key")
                                                : "";
  if (m.static_cert_pem.empty() != m.static_key_pem.empty())
    throw Error("kube user '" + connection.context.user +
                "' has a client certificate without a key (or a key without a certificate)");
  if (u.exec) m.exec = std::make_unique<ExecCredentialProvider>(*u.exec, cl);
  m.share = curl_share_init();
  curl_share_setopt(m.share, CURLSHOPT_LOCKFUNC, &Impl::lock);
  curl_share_setopt(m.share, CURLSHOPT_UNLOCKFUNC, &Impl::unlock);
  curl_share_setopt(m.share, CURLSHOPT_USERDATA, &m);
  curl_share_setopt(m.share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
  curl_share_setopt(m.share, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
  curl_share_setopt(m.share, CURLSHOPT_SHARE, CURL_LOCK_DATA_CONNECT);
}

HttpClient::~HttpClient() {
  for (CURL* h : impl_->pool) curl_easy_cleanup(h);
  if (impl_->share) curl_share_cleanup(impl_->share);
}

Response HttpClient::send(const Request& request) {
  throw_if_unreachable();
  Response r = impl_->perform(request);
  if (r.status == 401 && impl_->exec) {
    impl_->exec->invalidate();
    r = impl_->perform(request);
  }
  Impl& m = *impl_;
  if (!r.connect_refused) {
    m.refused_in_a_row = 0;
    return r;
  }
  if (++m.refused_in_a_row >= kMaxRefusedConnections) {
    std::lock_guard<std::mutex> lock(m.unreachable_mu);
    if (m.unreachable_message.empty())
      m.unreachable_message =
          "stopped: the API server " + m.conn.context.server + " refused " +
          std::to_string(kMaxRefusedConnections) + " connections in a row (" + r.transport_error +
          "); it is down or unreachable. Objects not reported above were not sent; run the "
          "command again once the server is back";
  }
  throw_if_unreachable();
  return r;
}

bool HttpClient::unreachable() const {
  std::lock_guard<std::mutex> lock(impl_->unreachable_mu);
  return !impl_->unreachable_message.empty();
}

void HttpClient::throw_if_unreachable() const {
  std::lock_guard<std::mutex> lock(impl_->unreachable_mu);
  if (!impl_->unreachable_message.empty()) throw Error(impl_->unreachable_message);
}

const std::string& HttpClient::server() const {
  return impl_->conn.context.server;
}

}  // namespace ks::kube
