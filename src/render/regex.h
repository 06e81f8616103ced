#pragma once
// ksonnet's regex natives with Go's `regexp` semantics, through RE2 (the library Go's package
// follows): RE2 syntax (`(?i)`, `(?P<name>…)`), and time linear in the input, so no pattern can
// make a render hang or overflow the stack. Errors are ks::Error naming the function and pattern.
#include <string>
#include <string_view>

namespace ks::render::regex {

// Go's regexp.MatchString: does `pattern` match anywhere in `text`?
bool match(std::string_view pattern, std::string_view text);

// Go's Regexp.ReplaceAllString: every non-overlapping match replaced by `replacement`, in which
// `$1`, `${1}`, `$name`, `${name}` expand to a group (empty when there is none) and `$$` is `$`.
std::string substitute(std::string_view pattern, std::string_view text,
                       std::string_view replacement);

// Go's regexp.QuoteMeta: `text` with every regex metacharacter escaped.
std::string quote_meta(std::string_view text);

}  // namespace ks::render::regex
