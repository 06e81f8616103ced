#include "render/stock.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include "base/error.h"
#include "base/fs.h"
#include "edit/lexer.h"

namespace ks::render {

namespace {

// Drops comments and whitespace (as the jsonnet lexer tells them apart from strings) and makes
// quotes uniform. Text that does not lex is never a stock file.
std::string normalise(const std::string& s) {
  std::vector<edit::Token> tokens;
  try {
    tokens = edit::lex(s, "stock check");
  } catch (const Error&) {
    return "\n(not jsonnet)";
  }
  std::string out;
  for (const edit::Token& t : tokens) {
    if (t.is_trivia()) continue;
    for (char c : t.text(s))
      if (!std::isspace(static_cast<unsigned char>(c))) out += c == '\'' ? '"' : c;
  }
  return out;
}

bool file_is(const std::filesystem::path& p, const std::string& normalised) {
  std::string text;
  return fs::read_file_if_exists(p, text) && normalise(text) == normalised;
}

}  // namespace

std::optional<LiteralPatch> scaffold_env_params_patch(const std::string& params_text) {
  std::vector<edit::Token> all;
  try {
    all = edit::lex(params_text, "params");
  } catch (const Error&) {
    return std::nullopt;
  }
  // Significant tokens, strings by their value so either quote style matches.
  std::vector<edit::Token> tokens;
  std::vector<std::string> words;
  for (const edit::Token& t : all) {
    if (t.is_trivia() || t.kind == edit::TokenKind::EndOfFile) continue;
    tokens.push_back(t);
    words.push_back(t.kind == edit::TokenKind::String
                        ? "\"" + edit::string_value(params_text, t) + "\""
                        : std::string(t.text(params_text)));
  }
  static const std::vector<std::string> head = {"local",
                                                "params",
                                                "=",
                                                "std",
                                                ".",
                                                "extVar",
                                                "(",
                                                "\"__ksonnet/params\"",
                                                ")",
                                                ";",
                                                "local",
                                                "globals",
                                                "=",
                                                "import",
                                                "\"globals.libsonnet\"",
                                                ";",
                                                "local",
                                                "envParams",
                                                "=",
                                                "params",
                                                "+"};
  // Commas are optional where the tail has them (ksonnet's scaffold and ks's differ).
  static const std::vector<std::string> tail = {";",
                                                "{",
                                                "components",
                                                ":",
                                                "{",
                                                "[",
                                                "x",
                                                "]",
                                                ":",
                                                "envParams",
                                                ".",
                                                "components",
                                                "[",
                                                "x",
                                                "]",
                                                "+",
                                                "globals",
                                                "for",
                                                "x",
                                                "in",
                                                "std",
                                                ".",
                                                "objectFields",
                                                "(",
                                                "envParams",
                                                ".",
                                                "components",
                                                ")",
                                                "}",
                                                "}"};
  if (words.size() < head.size() + 2 || !std::equal(head.begin(), head.end(), words.begin()))
    return std::nullopt;
  size_t open = head.size();
  if (words[open] != "{") return std::nullopt;
  size_t close = open;
  for (int depth = 0; close < words.size(); ++close) {
    if (tokens[close].kind != edit::TokenKind::Operator) continue;
    if (words[close] == "{") ++depth;
    if (words[close] == "}" && --depth == 0) break;
  }
  if (close == words.size()) return std::nullopt;
  std::vector<std::string> rest;
  for (size_t i = close + 1; i < words.size(); ++i)
    if (words[i] != ",") rest.push_back(words[i]);
  if (rest != tail) return std::nullopt;
  auto patch =
      literal_patch(params_text.substr(tokens[open].begin, tokens[close].end - tokens[open].begin));
  // Only the components are read from envParams; anything else is left to jsonnet.
  if (!patch || !patch->set.empty() || patch->merge.size() != 1 ||
      !patch->merge.count("components"))
    return std::nullopt;
  return patch;
}

std::optional<nlohmann::json> literal_env_params(const LiteralPatch& patch,
                                                 const nlohmann::json& components,
                                                 const nlohmann::json& globals) {
  if (!globals.is_object()) return std::nullopt;
  auto env_params = apply_patch(nlohmann::json{{"components", components}}, patch);
  if (!env_params) return std::nullopt;
  nlohmann::json out = nlohmann::json::object();
  for (auto it = (*env_params)["components"].begin(); it != (*env_params)["components"].end();
       ++it) {
    if (!it.value().is_object()) return std::nullopt;  // jsonnet: `"text" + {}` is a string
    nlohmann::json v = it.value();
    for (auto g = globals.begin(); g != globals.end(); ++g) v[g.key()] = g.value();
    out[it.key()] = std::move(v);
  }
  return out;
}

bool is_stock_env(const app::Layout& layout, const std::string& env_path) {
  return file_is(layout.env_dir(env_path) / "main.jsonnet",
                 R"(localbase=import"base.libsonnet";base+{})") &&
         file_is(layout.environments() / "base.libsonnet",
                 R"(localcomponents=std.extVar("__ksonnet/components");components+{})");
}

}  // namespace ks::render
