#pragma once
// URLs may carry credentials (`https://user:TOKEN@host/repo.git`). They stay where the user wrote
// them (app.yaml) and are used to connect, but every message, progress line, listing and cache key
// shows the URL with its userinfo replaced.
#include <string>
#include <string_view>

namespace ks {

// `text` with the userinfo of every `scheme://userinfo@host` in it replaced by `***`
// ("https://***@host/repo.git"). Text without such URLs is returned unchanged.
std::string redact_userinfo(std::string_view text);

}  // namespace ks
