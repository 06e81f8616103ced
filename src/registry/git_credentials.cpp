#include "registry/git_credentials.h"

#include <unistd.h>

#include <cstdlib>

#include "base/error.h"
#include "base/process.h"
#include "base/strings.h"

namespace ks::registry::git {

namespace {

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

struct UrlParts {
  std::string protocol, host, path;
};

UrlParts split_url(const std::string& url) {
  UrlParts p;
  auto scheme = url.find("://");
  if (scheme == std::string::npos) return p;
  p.protocol = url.substr(0, scheme);
  std::string rest = url.substr(scheme + 3);
  auto slash = rest.find('/');
  p.host = rest.substr(0, slash);
  if (auto at = p.host.rfind('@'); at != std::string::npos) p.host = p.host.substr(at + 1);
  if (slash != std::string::npos) p.path = rest.substr(slash + 1);
  return p;
}

// `git credential fill`: the user's credential helpers, then GIT_ASKPASS / core.askPass, then a
// terminal prompt (only when stdin is a terminal: a CI job must fail, not hang).
bool credential_fill(const std::string& url, const std::string& username, std::string& user_out,
                     std::string& password_out) {
  UrlParts parts = split_url(url);
  std::string request =
      "protocol=" + parts.protocol + "\nhost=" + parts.host + "\npath=" + parts.path + "\n";
  if (!username.empty()) request += "username=" + username + "\n";
  process::Options options;
  options.stdin_data = request + "\n";
  options.timeout = std::chrono::minutes(5);  // a person may be typing a password
  // On a terminal git prompts through /dev/tty and its messages reach the user; elsewhere it
  // must not prompt, and its "terminal prompts disabled" would only repeat ks's error.
  const bool terminal = ::isatty(0) == 1;
  if (!terminal) options.env_set["GIT_TERMINAL_PROMPT"] = "0";
  options.inherit_stderr = terminal;
  process::Result r;
  try {
    r = process::run({"git", "credential", "fill"}, options);
  } catch (const Error&) {
    return false;  // no git program: no helpers to ask
  }
  if (r.exit_code != 0) return false;
  for (const auto& line : str::split(r.out, '\n')) {
    if (str::starts_with(line, "username=")) user_out = line.substr(9);
    if (str::starts_with(line, "password=")) password_out = line.substr(9);
  }
  return !password_out.empty();
}

}  // namespace

int credentials(git_credential** out, const char* url, const char* username_from_url,
                unsigned int allowed, void* payload) {
  auto* state = static_cast<CredentialState*>(payload);
  if (++state->attempts > 1) return GIT_EUSER;  // the credential offered was rejected
  std::string url_user = username_from_url ? username_from_url : "";
  if (allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT) {
    std::string token = env("KS_GIT_TOKEN");
    if (!token.empty()) {
      std::string user = env("KS_GIT_USERNAME");
      if (user.empty()) user = url_user.empty() ? "x-access-token" : url_user;
      state->tried = "KS_GIT_TOKEN";
      return git_credential_userpass_plaintext_new(out, user.c_str(), token.c_str());
    }
    std::string user, password;
    if (credential_fill(url ? url : state->url, url_user, user, password)) {
      state->tried = "the git credential helper";
      return git_credential_userpass_plaintext_new(out, user.c_str(), password.c_str());
    }
    state->tried = "nothing (no KS_GIT_TOKEN, no credential from git credential fill)";
    return GIT_EUSER;
  }
  if (allowed & GIT_CREDENTIAL_SSH_KEY) {
    state->tried = "the SSH agent";
    return git_credential_ssh_key_from_agent(out, url_user.empty() ? "git" : url_user.c_str());
  }
  return GIT_PASSTHROUGH;
}

void configure_transport(git_fetch_options& options) {
  options.proxy_opts.type = GIT_PROXY_AUTO;
  std::string ca = env("GIT_SSL_CAINFO");
  if (!ca.empty() && git_libgit2_opts(GIT_OPT_SET_SSL_CERT_LOCATIONS, ca.c_str(), nullptr) != 0)
    throw Error("GIT_SSL_CAINFO=" + ca + ": cannot load CA certificates from this file");
}

std::string describe_fetch_failure(const CredentialState& state, const std::string& error) {
  if (state.attempts == 0) return error;
  if (state.tried.rfind("nothing", 0) == 0)
    return error + " (the server asks for credentials: set KS_GIT_TOKEN, or configure a git " +
           "credential helper or GIT_ASKPASS; see docs/registries.md)";
  return error + " (the server rejected the credentials from " + state.tried + ")";
}

}  // namespace ks::registry::git
