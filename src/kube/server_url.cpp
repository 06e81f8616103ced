#include "kube/server_url.h"

#include "base/strings.h"

namespace ks::kube {

std::string normalize_server_url(const std::string& raw) {
  std::string url = str::trim(raw);
  std::string scheme = "https";
  if (auto pos = url.find("://"); pos != std::string::npos) {
    scheme = str::to_lower(url.substr(0, pos));
    url = url.substr(pos + 3);
  }
  std::string authority = url, path;
  if (auto slash = url.find('/'); slash != std::string::npos) {
    authority = url.substr(0, slash);
    path = url.substr(slash);
  }
  while (!path.empty() && path.back() == '/') path.pop_back();
  authority = str::to_lower(authority);
  if (auto at = authority.rfind('@'); at != std::string::npos) authority = authority.substr(at + 1);
  std::string default_port = scheme == "http" ? ":80" : scheme == "https" ? ":443" : "";
  if (!default_port.empty() && str::ends_with(authority, default_port))
    authority.resize(authority.size() - default_port.size());
  return scheme + "://" + authority + path;
}

bool same_server(const std::string& a, const std::string& b) {
  return normalize_server_url(a) == normalize_server_url(b);
}

}  // namespace ks::kube
