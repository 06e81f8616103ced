#include "render/component_sources.h"

#include "base/error.h"
#include "base/fs.h"
#include "base/strings.h"
#include "base/yaml.h"
#include "render/dialect.h"
#include "render/syntax_check.h"

namespace ks::render {

namespace {

// "STATIC ERROR: /abs/file:L:C: message" → "file:L:C: syntax error: message". Columns are the
// file's own: the check ran on the file alone, without the fast-std prelude.
std::string syntax_message(const std::string& text, const std::string& file,
                           const std::string& display) {
  std::string first = str::trim(text.substr(0, text.find('\n')));
  const std::string prefix = "STATIC ERROR: ";
  if (str::starts_with(first, prefix)) first = first.substr(prefix.size());
  if (str::starts_with(first, file + ":")) {
    std::string rest = first.substr(file.size() + 1);
    auto colon = rest.find(": ");
    std::string where = rest.substr(0, colon);
    std::string message = colon == std::string::npos ? "" : rest.substr(colon + 2);
    where = str::replace_all(str::replace_all(where, "(", ""), ")", "");
    if (auto dash = where.find('-'); dash != std::string::npos) where = where.substr(0, dash);
    return display + ":" + where + ": syntax error: " + message;
  }
  return display + ": syntax error: " + first;
}

}  // namespace

std::map<std::string, ComponentSource> read_component_sources(
    const app::Layout& layout, const std::vector<app::Component>& components) {
  std::map<std::string, ComponentSource> out;
  SyntaxChecker checker;
  for (const auto& c : components) {
    ComponentSource s;
    s.component = c;
    s.display = fs::relative_below(c.file, layout.root);
    if (c.type == app::Component::Type::Jsonnet) {
      s.text = fs::read_file(c.file);
      std::string error = checker.error(c.file.string(), s.text);
      if (!error.empty()) s.syntax_error = syntax_message(error, c.file.string(), s.display);
      s.text = rewrite_go_jsonnet_dialect(s.text);
    } else {
      try {
        auto docs = yaml::parse_all(fs::read_file(c.file), s.display);
        s.data = docs.size() == 1 ? docs[0] : nlohmann::json(docs);
      } catch (const Error& e) {
        s.syntax_error = e.what();  // fails only the commands that render or read it
      }
    }
    out.emplace(c.name, std::move(s));
  }
  return out;
}

void require_parsed(const std::map<std::string, ComponentSource>& sources,
                    const std::vector<app::Component>& components) {
  for (const auto& c : components) {
    auto it = sources.find(c.name);
    if (it != sources.end() && !it->second.syntax_error.empty())
      throw Error(it->second.syntax_error);
  }
}

}  // namespace ks::render
