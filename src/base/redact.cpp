#include "base/redact.h"

namespace ks {

namespace {

// Characters that end a URL's authority (host part) in running text.
bool ends_authority(char c) {
  return c == '/' || c == '?' || c == '#' || c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
         c == '\'' || c == '"' || c == '<' || c == '>' || c == '`' || c == ')' || c == ']';
}

}  // namespace

std::string redact_userinfo(std::string_view text) {
  std::string out;
  size_t pos = 0;
  for (;;) {
    size_t scheme_end = text.find("://", pos);
    if (scheme_end == std::string_view::npos) break;
    size_t start = scheme_end + 3;
    size_t end = start;
    while (end < text.size() && !ends_authority(text[end])) ++end;
    // The last '@' ends the userinfo: a password may contain an unescaped '@'.
    size_t at = text.substr(start, end - start).rfind('@');
    out.append(text.substr(pos, start - pos));
    if (at != std::string_view::npos) {
      out += "***";
      out.append(text.substr(start + at, end - start - at));
    } else {
      out.append(text.substr(start, end - start));
    }
    pos = end;
  }
  out.append(text.substr(pos));
  return out;
}

}  // namespace ks
