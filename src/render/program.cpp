#include "render/program.h"

#include "render/stdlib/overrides.h"

#include <algorithm>
#include <filesystem>

#include <nlohmann/json.hpp>

namespace ks::render {

namespace {

int count_lines(const std::string& s) {
  int n = static_cast<int>(std::count(s.begin(), s.end(), '\n'));
  if (!s.empty() && s.back() != '\n') ++n;
  return n;
}

// Exactly two lines, whatever the binding, so pasted files always start at the same offset.
std::string header(Binding binding, const std::string& params_path) {
  std::string first = binding == Binding::TopLevelArgs
                          ? "function(__ks_params, __ks_env)\n"
                          : "local __ks_params = import " + nlohmann::json(params_path).dump() +
                                "; local __ks_env = std.extVar(\"__ksonnet/environments\");\n";
  return first +
         "local __ks_s = std; local std = __ks_s { extVar(name):: if name == \"__ksonnet/params\" "
         "then " +
         "__ks_params else if name == \"__ksonnet/environments\" then __ks_env else "
         "__ks_s.extVar(name), " +
         "native(name):: __ks_s.native(if name == \"parseJson\" || name == \"parseYaml\" || name "
         "== " +
         "\"escapeStringRegex\" || name == \"regexMatch\" || name == \"regexSubst\" then \"ks.\" + "
         "name else name), " +
         stdlib::linked_overrides().fields + "};\n";
}

}  // namespace

Program build_program(const std::string& filename, const std::vector<PastedComponent>& components,
                      Binding binding, const std::string& params_path,
                      const std::vector<std::string>& libraries) {
  Program p;
  p.filename = filename;
  p.map.generated_name = filename;
  p.code = header(binding, params_path);
  int line = 3;
  // One `local` for all of them: its binds are mutually visible, as imports are.
  for (size_t i = 0; i < libraries.size(); ++i) {
    p.code += (i == 0 ? "local __ks_l" : ", __ks_l") + std::to_string(i) + " = (\n";
    std::string body = libraries[i];
    if (body.empty() || body.back() != '\n') body += '\n';
    p.code += body;
    p.code += ")";
    line += 1 + count_lines(body);
  }
  if (!libraries.empty()) {
    p.code += ";\n";
    ++line;
  }
  for (size_t i = 0; i < components.size(); ++i) {
    const auto& c = components[i];
    p.code += "local __ks_c" + std::to_string(i) + " = (\n";
    ++line;
    std::string body = c.text;
    if (body.empty() || body.back() != '\n') body += '\n';
    p.code += body;
    int lines = count_lines(body);
    if (!c.is_json) p.map.files.push_back({c.display_file, line, lines});
    line += lines;
    p.code += ");\n";
    ++line;
  }
  p.code += "{\n";
  for (size_t i = 0; i < components.size(); ++i) {
    p.code +=
        "  " + nlohmann::json(components[i].name).dump() + ": __ks_c" + std::to_string(i) + ",\n";
  }
  p.code += "}\n";
  return p;
}

Program build_env_params_program(const std::string& file, const std::string& text) {
  Program p;
  p.filename = (std::filesystem::path(file).parent_path() / ".ks-env-params.jsonnet").string();
  p.map.generated_name = p.filename;
  p.code = header(Binding::TopLevelArgs, "");
  p.map.files.push_back(
      {file, 3, count_lines(text.empty() || text.back() == '\n' ? text : text + "\n")});
  p.code += text;
  return p;
}

}  // namespace ks::render
