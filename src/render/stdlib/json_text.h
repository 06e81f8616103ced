#pragma once
// JSON text as libjsonnet writes it (`std.toString(x)`), read back keeping each number's exact
// text: that is how std.toString prints the number, so natives can echo it unchanged. Also the
// string escaping of std.escapeStringJson. Shared by the native std overrides. (nlohmann::json
// loses a number's text, e.g. -0 and integers past 2^64, and refuses lone surrogate escapes.)
#include <string>
#include <vector>

namespace ks::render::stdlib {

// Numbers keep the exact text libjsonnet wrote for them, which is what `'' + n` gives.
struct JsonMember;

struct JsonNode {
  enum Kind { Null, True, False, Number, String, Array, Object } kind = Null;
  std::string text;                  // number text or string value
  std::vector<JsonMember> children;  // keys empty in arrays
};

struct JsonMember {
  std::string first;  // the key
  JsonNode second;
};

bool read_json_text(const std::string& text, JsonNode& out);

// std.escapeStringJson: quoted, with \uXXXX for control characters and U+007F–U+009F.
std::string escape_json(const std::string& s);

}  // namespace ks::render::stdlib
