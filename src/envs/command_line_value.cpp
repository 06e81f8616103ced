#include "envs/command_line_value.h"

#include <cmath>
#include <cstdlib>
#include <regex>

#include "base/error.h"
#include "base/strings.h"
#include "edit/lexer.h"

namespace ks::envs {

namespace {

// Every number literal of `source` must be finite. Text that does not lex as jsonnet (YAML flow
// syntax) is left to the caller's parser, which refuses infinity itself.
void require_finite_numbers(const std::string& source, const std::string& what) {
  std::vector<edit::Token> tokens;
  try {
    tokens = edit::lex(source, what);
  } catch (const Error&) {
    return;
  }
  for (const edit::Token& t : tokens) {
    if (t.kind != edit::TokenKind::Number) continue;
    std::string number(t.text(source));
    if (!std::isfinite(std::strtod(number.c_str(), nullptr))) {
      throw Error(what + ": the number " + number +
                  " is too large (it would be infinity, which renders as null)");
    }
  }
}

}  // namespace

CommandLineValue type_command_line_value(const std::string& text, const std::string& what) {
  static const std::regex kInt(R"(^[+-]?[1-9][0-9]*$|^0$)");
  // A dot or an exponent is required, and leading zeros keep the text a string ("040.5"):
  // jsonnet has no such number literal.
  static const std::regex kFloat(
      R"(^[+-]?((0|[1-9][0-9]*)\.[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$|^[+-]?[1-9][0-9]*[eE][+-]?[0-9]+$)");
  CommandLineValue v;
  v.text = text;
  if (std::regex_match(text, kInt)) {
    v.kind = CommandLineValue::Kind::Integer;
    if (text[0] == '+') v.text = text.substr(1);
    return v;
  }
  if (std::regex_match(text, kFloat)) {
    v.kind = CommandLineValue::Kind::Float;
    std::string t = text[0] == '+' ? text.substr(1) : text;
    // Jsonnet wants digits on both sides of the dot: ".5" -> "0.5", "-.5" -> "-0.5",
    // "5." -> "5.0", "5.e3" -> "5.0e3".
    size_t dot = t.find('.');
    if (dot != std::string::npos) {
      if (dot + 1 == t.size() || t[dot + 1] == 'e' || t[dot + 1] == 'E') t.insert(dot + 1, "0");
      if (dot == 0 || t[dot - 1] == '-') t.insert(dot, "0");
    }
    require_finite_numbers(t, what);
    v.text = t;
    return v;
  }
  std::string lower = str::to_lower(text);
  if (lower == "true" || lower == "false") {
    v.kind = CommandLineValue::Kind::Bool;
    v.text = lower;
    return v;
  }
  if (!text.empty() && (text[0] == '[' || text[0] == '{')) {
    v.kind = CommandLineValue::Kind::Structured;
    require_finite_numbers(text, what);
    return v;
  }
  return v;
}

}  // namespace ks::envs
