#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace ks::str {

std::vector<std::string> split(std::string_view s, char sep);
std::string join(const std::vector<std::string>& parts, std::string_view sep);
std::string trim(std::string_view s);
bool starts_with(std::string_view s, std::string_view prefix);
bool ends_with(std::string_view s, std::string_view suffix);
std::string to_lower(std::string_view s);
// Replaces every occurrence of `from` (non-empty) by `to`.
std::string replace_all(std::string s, std::string_view from, std::string_view to);

// UTF-8: appends one codepoint; splits a string into codepoints (invalid bytes pass through as
// themselves, so nothing is ever lost).
void append_utf8(std::string& out, char32_t cp);
std::vector<char32_t> utf8_codepoints(std::string_view s);

// Renders rows as ksonnet did: an upper-case header row, a row of `=` of each header's length,
// columns padded to their widest cell and joined by one space, each line right-trimmed.
std::string table(const std::vector<std::string>& headers,
                  const std::vector<std::vector<std::string>>& rows);

}  // namespace ks::str
