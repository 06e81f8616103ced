#pragma once
// How git fetches authenticate and reach the network, the way the git program does:
// - HTTPS: KS_GIT_TOKEN (user KS_GIT_USERNAME, else the URL's user, else x-access-token), else
//   git's own credential machinery (`git credential fill`: credential helpers, GIT_ASKPASS, a
//   terminal prompt when stdin is a terminal), asked only when a server demands credentials;
// - SSH: the SSH agent;
// - proxies: libgit2's automatic detection (`http.proxy` from git config, `https_proxy` /
//   `http_proxy` from the environment);
// - TLS: GIT_SSL_CAINFO names extra trusted CA certificates, as for git.
#include <git2.h>

#include <string>

namespace ks::registry::git {

struct CredentialState {
  std::string url;    // the remote, for messages and the credential helper
  int attempts = 0;   // libgit2 asks again after a rejected credential
  std::string tried;  // what was offered, for the error message
};

// libgit2's credential callback; `payload` is a CredentialState.
int credentials(git_credential** out, const char* url, const char* username_from_url,
                unsigned int allowed, void* payload);

// Fills proxy and TLS settings of a fetch. Throws ks::Error when GIT_SSL_CAINFO is unusable.
void configure_transport(git_fetch_options& options);

// The error for a failed fetch: libgit2's text plus what to do about authentication.
std::string describe_fetch_failure(const CredentialState& state, const std::string& libgit2_error);

}  // namespace ks::registry::git
