#include "render/regex.h"

#include <re2/re2.h>

#include <memory>
#include <vector>

#include "base/error.h"

namespace ks::render::regex {

namespace {

std::unique_ptr<RE2> compile(std::string_view pattern, const char* function) {
  RE2::Options options;
  options.set_log_errors(false);
  auto re = std::make_unique<RE2>(re2::StringPiece(pattern.data(), pattern.size()), options);
  if (!re->ok())
    throw Error(std::string(function) + ": invalid regular expression \"" + std::string(pattern) +
                "\": " + re->error() + " (the syntax is Go's RE2)");
  return re;
}

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// The text of group `name` (a number or a (?P<name>…) name) of the current match, "" if none.
std::string_view group(const RE2& re, const std::vector<re2::StringPiece>& groups,
                       std::string_view name) {
  int index = -1;
  if (!name.empty() && name.find_first_not_of("0123456789") == std::string_view::npos) {
    index = name.size() > 9 ? -1 : std::stoi(std::string(name));
  } else {
    auto named = re.NamedCapturingGroups();
    auto it = named.find(std::string(name));
    if (it != named.end()) index = it->second;
  }
  if (index < 0 || index >= static_cast<int>(groups.size()) || groups[index].data() == nullptr)
    return {};
  return {groups[index].data(), groups[index].size()};
}

// Go's Regexp.Expand on a template: `$$`, `${name}`, and `$name` taking the longest run of
// letters, digits and underscores. A `$` not followed by a valid reference is copied literally.
void expand(std::string& out, std::string_view tmpl, const RE2& re,
            const std::vector<re2::StringPiece>& groups) {
  for (size_t i = 0; i < tmpl.size(); ++i) {
    if (tmpl[i] != '$' || i + 1 == tmpl.size()) {
      out += tmpl[i];
      continue;
    }
    if (tmpl[i + 1] == '$') {
      out += '$';
      ++i;
      continue;
    }
    size_t name_start = i + 1, name_end;
    bool braced = tmpl[i + 1] == '{';
    if (braced) {
      ++name_start;
      name_end = name_start;
      while (name_end < tmpl.size() && is_name_char(tmpl[name_end])) ++name_end;
      if (name_end == tmpl.size() || tmpl[name_end] != '}' || name_end == name_start) {
        out += '$';  // malformed: Go copies the `$` and the rest literally
        continue;
      }
    } else {
      name_end = name_start;
      while (name_end < tmpl.size() && is_name_char(tmpl[name_end])) ++name_end;
      if (name_end == name_start) {
        out += '$';
        continue;
      }
    }
    out += group(re, groups, tmpl.substr(name_start, name_end - name_start));
    i = braced ? name_end : name_end - 1;
  }
}

// Bytes in the UTF-8 sequence starting at `c` (1 for invalid bytes, as Go steps).
size_t rune_width(unsigned char c) {
  if (c < 0xC0) return 1;
  if (c < 0xE0) return 2;
  if (c < 0xF0) return 3;
  return 4;
}

}  // namespace

bool match(std::string_view pattern, std::string_view text) {
  auto re = compile(pattern, "regexMatch");
  return RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), *re);
}

std::string substitute(std::string_view pattern, std::string_view text,
                       std::string_view replacement) {
  auto re = compile(pattern, "regexSubst");
  const re2::StringPiece input(text.data(), text.size());
  std::vector<re2::StringPiece> groups(static_cast<size_t>(re->NumberOfCapturingGroups()) + 1);
  std::string out;
  size_t search = 0, last_end = 0;
  while (search <= text.size()) {
    if (!re->Match(input, search, text.size(), RE2::UNANCHORED, groups.data(),
                   static_cast<int>(groups.size())))
      break;
    size_t begin = static_cast<size_t>(groups[0].data() - text.data());
    size_t end = begin + groups[0].size();
    out.append(text.substr(last_end, begin - last_end));
    // An empty match right after the previous match is not replaced (Go's rule), so `a*` on
    // "baaac" gives "XbXcX", not "XbXXcX".
    if (end > last_end || begin == 0) expand(out, replacement, *re, groups);
    last_end = end;
    size_t width = search < text.size() ? rune_width(static_cast<unsigned char>(text[search])) : 1;
    search = search + width > end ? search + width : end;
  }
  if (last_end < text.size()) out.append(text.substr(last_end));
  return out;
}

std::string quote_meta(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (std::string_view("\\.+*?()|[]{}^$").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

}  // namespace ks::render::regex
