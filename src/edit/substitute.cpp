// Prototype expansion: `import 'param://NAME'` -> `params.NAME`, on tokens, never by regex.
#include <string_view>

#include "base/strings.h"
#include "edit/edit.h"
#include "edit/lexer.h"

namespace ks::edit {
namespace {

// `object.NAME`, or `object["NAME"]` when NAME is not a plain identifier.
std::string member_access(const std::string& object, const std::string& name) {
  if (is_bare_identifier(name)) return object + "." + name;
  return object + "[" + format_key(name, true) + "]";
}

}  // namespace

std::string substitute_prototype_imports(const std::string& text, const std::string& source) {
  std::vector<Token> tokens = lex(text, source);
  std::string out;
  std::size_t copied = 0;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].kind != TokenKind::Keyword || tokens[i].text(text) != "import") continue;
    std::size_t j = i + 1;
    while (j < tokens.size() && tokens[j].is_trivia()) ++j;
    if (j >= tokens.size() || tokens[j].kind != TokenKind::String) continue;
    std::string target = string_value(text, tokens[j]);
    std::string replacement;
    for (auto [scheme, object] : {std::pair{"param://", "params"}, std::pair{"env://", "env"}}) {
      std::string_view prefix = scheme;
      if (str::starts_with(target, prefix) && target.size() > prefix.size()) {
        replacement = member_access(object, target.substr(prefix.size()));
      }
    }
    if (replacement.empty()) continue;
    out.append(text, copied, tokens[i].begin - copied);
    out += replacement;
    copied = tokens[j].end;
    i = j;
  }
  out.append(text, copied, std::string::npos);
  return out;
}

}  // namespace ks::edit
