#pragma once
// Server URLs compared the way a human means them: scheme and host case-insensitive, default
// ports and trailing slashes ignored, a bare host:port taken as https.
#include <string>

namespace ks::kube {

std::string normalize_server_url(const std::string& url);
bool same_server(const std::string& a, const std::string& b);

}  // namespace ks::kube
