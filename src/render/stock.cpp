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

// Separators aside (ksonnet's and ks's scaffolds differ in optional commas).
bool file_is_ignoring_commas(const std::filesystem::path& p, const std::string& normalised) {
  std::string text;
  if (!fs::read_file_if_exists(p, text)) return false;
  std::string n = normalise(text);
  n.erase(std::remove(n.begin(), n.end(), ','), n.end());
  return n == normalised;
}

}  // namespace

bool is_stock_env_params(const app::Layout& layout, const std::string& env_path) {
  return file_is_ignoring_commas(
             layout.env_dir(env_path) / "params.libsonnet",
             R"(localparams=std.extVar("__ksonnet/params");localglobals=import"globals.libsonnet";)"
             R"(localenvParams=params+{components+:{}};{components:{[x]:envParams.components[x]+globals)"
             R"(forxinstd.objectFields(envParams.components)}})") &&
         file_is(layout.env_dir(env_path) / "globals.libsonnet", "{}");
}

bool is_stock_env(const app::Layout& layout, const std::string& env_path) {
  return file_is(layout.env_dir(env_path) / "main.jsonnet",
                 R"(localbase=import"base.libsonnet";base+{})") &&
         file_is(layout.environments() / "base.libsonnet",
                 R"(localcomponents=std.extVar("__ksonnet/components");components+{})");
}

}  // namespace ks::render
