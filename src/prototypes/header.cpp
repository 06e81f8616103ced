// The ksonnet prototype header: `// @directive value` comment lines.
#include <cctype>

#include "base/error.h"
#include "base/strings.h"
#include "prototypes/prototype.h"

namespace ks::prototypes {

namespace {

// The text of a `// text` comment line (ksonnet: `\s*//\s+(.*)`), or nullopt for other lines.
std::optional<std::string> comment_text(const std::string& line) {
  std::size_t i = 0;
  while (i < line.size() && std::isspace(static_cast<unsigned char>(line[i]))) ++i;
  if (line.compare(i, 2, "//") != 0) return std::nullopt;
  i += 2;
  std::size_t start = i;
  while (i < line.size() && std::isspace(static_cast<unsigned char>(line[i]))) ++i;
  if (i == start) return std::nullopt;  // `//x` is not a header line
  std::string text = line.substr(i);
  while (!text.empty() && (text.back() == '\r' || text.back() == ' ' || text.back() == '\t'))
    text.pop_back();
  return text;
}

// Splits off the first `count - 1` space-separated words; the last part is the rest.
std::vector<std::string> split_words(const std::string& text, std::size_t count) {
  std::vector<std::string> parts;
  std::size_t i = 0;
  while (parts.size() + 1 < count) {
    while (i < text.size() && text[i] == ' ') ++i;
    if (i >= text.size()) return parts;
    std::size_t end = text.find(' ', i);
    if (end == std::string::npos) end = text.size();
    parts.push_back(text.substr(i, end - i));
    i = end;
  }
  while (i < text.size() && text[i] == ' ') ++i;
  if (i < text.size()) parts.push_back(text.substr(i));
  return parts;
}

struct Directive {
  std::string text;  // without the leading '@'
  int line = 0;
};

void apply_directive(Prototype& p, const Directive& d, const std::string& source) {
  std::string where = source + ":" + std::to_string(d.line);
  std::size_t space = d.text.find_first_of(" \n");
  std::string key = d.text.substr(0, space);
  std::string value = space == std::string::npos ? "" : str::trim(d.text.substr(space + 1));
  if (value.empty()) throw Error(where + ": directive @" + key + " has no value");
  if (key == "apiVersion")
    p.api_version = value;
  else if (key == "name")
    p.name = value;
  else if (key == "description")
    p.description = value;
  else if (key == "shortDescription")
    p.short_description = value;
  else if (key == "param" || key == "optionalParam") {
    bool optional = key == "optionalParam";
    std::string flat = str::replace_all(value, "\n", " ");
    auto parts = split_words(flat, optional ? 4 : 3);
    if (parts.size() < (optional ? 4u : 3u)) {
      throw Error(where + ": @" + key + " needs " +
                  (optional ? "NAME TYPE DEFAULT DESCRIPTION (the default cannot contain spaces)"
                            : "NAME TYPE DESCRIPTION") +
                  ", got '" + flat + "'");
    }
    Param param;
    param.name = parts[0];
    param.type = with_context(where + ": @" + key + " " + parts[0],
                              [&] { return parse_param_type(parts[1]); });
    if (optional) param.default_text = parts[2];
    param.description = parts.back();
    param.line = d.line;
    for (const auto& other : p.params) {
      if (other.name == param.name)
        throw Error(where + ": param '" + param.name + "' is declared twice");
    }
    p.params.push_back(param);
  } else {
    throw Error(
        where + ": unknown prototype directive @" + key +
        " (known: @apiVersion, @name, @description, @shortDescription, @param, @optionalParam)");
  }
}

}  // namespace

ParamType parse_param_type(const std::string& text) {
  if (text == "string") return ParamType::String;
  if (text == "number") return ParamType::Number;
  if (text == "numberOrString") return ParamType::NumberOrString;
  if (text == "bool" || text == "boolean") return ParamType::Bool;
  if (text == "array") return ParamType::Array;
  if (text == "object") return ParamType::Object;
  throw Error("unknown param type '" + text +
              "' (types: string, number, numberOrString, bool, array, object)");
}

std::string type_name(ParamType type) {
  switch (type) {
    case ParamType::String:
      return "string";
    case ParamType::Number:
      return "number";
    case ParamType::NumberOrString:
      return "numberOrString";
    case ParamType::Bool:
      return "bool";
    case ParamType::Array:
      return "array";
    case ParamType::Object:
      return "object";
  }
  return "string";
}

std::string usage_line(const Param& param) {
  std::string line = "--" + param.name + "=<" + type_name(param.type) + "> " + param.description;
  if (param.default_text) line += " [default: " + *param.default_text + "]";
  return line;
}

Prototype parse_prototype(const std::string& text, const std::string& source) {
  Prototype p;
  p.source = source;
  std::vector<std::string> lines = str::split(text, '\n');
  std::vector<std::string> body;
  std::vector<Directive> directives;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    auto comment = comment_text(lines[i]);
    if (!comment || !str::starts_with(*comment, "@")) {
      body.push_back(lines[i]);
      continue;
    }
    Directive d{comment->substr(1), static_cast<int>(i + 1)};
    while (i + 1 < lines.size()) {
      auto next = comment_text(lines[i + 1]);
      if (!next || next->empty() || str::starts_with(*next, "@")) break;
      d.text += "\n" + *next;
      ++i;
    }
    directives.push_back(d);
  }
  for (const auto& d : directives) apply_directive(p, d, source);
  if (p.name.empty()) throw Error(source + ": prototype has no `// @name` line in its header");
  for (char c : p.name) {
    if (std::isspace(static_cast<unsigned char>(c)))
      throw Error(source + ": prototype name '" + p.name + "' contains spaces");
  }
  p.body = str::join(body, "\n");
  return p;
}

}  // namespace ks::prototypes
