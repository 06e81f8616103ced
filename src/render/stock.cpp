#include "render/stock.h"

#include <algorithm>

#include "base/fs.h"

namespace ks::render {

namespace {

// Drops comments and whitespace and makes quotes uniform. Text inside strings that looks like a
// comment is dropped too, which can only make a stock file look customised, never the reverse.
std::string normalise(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '#' || (c == '/' && i + 1 < s.size() && s[i + 1] == '/')) {
      while (i < s.size() && s[i] != '\n') ++i;
    } else if (c == '/' && i + 1 < s.size() && s[i + 1] == '*') {
      size_t end = s.find("*/", i + 2);
      i = end == std::string::npos ? s.size() : end + 1;
    } else if (!std::isspace(static_cast<unsigned char>(c))) {
      out += c == '\'' ? '"' : c;
    }
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
