#include "render/errors.h"

#include <regex>

#include "base/strings.h"
#include "render/stdlib/overrides.h"

namespace ks::render {

namespace {

std::string shorten(std::string path, const std::string& root) {
  if (!root.empty() && str::starts_with(path, root + "/")) return path.substr(root.size() + 1);
  return path;
}

// Rewrites "NAME:L:C", "NAME:L:C-C2" and "NAME:(L:C)-(L2:C2)" where NAME is generated code.
std::string map_positions(const std::string& line, const SourceMap& map, const std::string& root) {
  const std::string& name = map.generated_name;
  std::string out;
  size_t pos = 0;
  while (true) {
    size_t hit = line.find(name + ":", pos);
    if (hit == std::string::npos) break;
    out += line.substr(pos, hit - pos);
    size_t after = hit + name.size() + 1;
    static const std::regex kPos(R"(^(\()?(\d+):(\d+))");
    std::smatch m;
    std::string rest = line.substr(after);
    if (!std::regex_search(rest, m, kPos)) {
      out += shorten(name, root) + ":";
      pos = after;
      continue;
    }
    int gline = std::stoi(m[2]);
    const PastedFile* file = nullptr;
    for (const auto& f : map.files)
      if (gline >= f.first_line && gline < f.first_line + f.line_count) file = &f;
    if (!file) {
      out += shorten(name, root) + ":";
      pos = after;
      continue;
    }
    int delta = file->first_line - 1;
    // Map every line number in the position (the optional second one of "(L:C)-(L2:C2)" too).
    static const std::regex kSpan(R"(^\((\d+):(\d+)\)-\((\d+):(\d+)\))");
    std::smatch s;
    if (std::regex_search(rest, s, kSpan)) {
      out += shorten(file->file, root) + ":(" + std::to_string(std::stoi(s[1]) - delta) + ":" +
             s[2].str() + ")-(" + std::to_string(std::stoi(s[3]) - delta) + ":" + s[4].str() + ")";
      pos = after + s.length(0);
    } else {
      out += shorten(file->file, root) + ":" + std::to_string(gline - delta) + ":" + m[3].str();
      pos = after + m.length(0);
    }
  }
  out += line.substr(pos);
  return out;
}

// Imported jsonnet files carry the std overrides' prelude on their first line; columns past it are
// the user's columns shifted by its length.
std::string unshift_prelude_columns(const std::string& line) {
  static const std::regex kFirstLine(R"(((?:\.jsonnet|\.libsonnet):\(?1:)(\d+)(-\d+)?)");
  const long shift = static_cast<long>(stdlib::linked_overrides().prelude.size());
  std::string out;
  auto begin = std::sregex_iterator(line.begin(), line.end(), kFirstLine);
  size_t last = 0;
  for (auto it = begin; it != std::sregex_iterator(); ++it) {
    const auto& m = *it;
    long col = std::stol(m[2]);
    if (col <= shift) continue;
    out += line.substr(last, static_cast<size_t>(m.position(0)) - last) + m[1].str() +
           std::to_string(col - shift);
    if (m[3].matched) out += "-" + std::to_string(std::stol(m[3].str().substr(1)) - shift);
    last = static_cast<size_t>(m.position(0) + m.length(0));
  }
  return out + line.substr(last);
}

}  // namespace

std::string format_jsonnet_error(const std::string& text, const std::vector<SourceMap>& maps,
                                 const std::string& prefix_root) {
  std::vector<std::string> lines;
  for (auto l : str::split(str::trim(text), '\n')) {
    for (const auto& m : maps) l = map_positions(l, m, prefix_root);
    // Frames inside the generated wrapper say nothing about the user's code.
    bool generated = false;
    for (const auto& m : maps) {
      generated |= l.find(m.generated_name + ":") != std::string::npos;
      generated |= l.find(shorten(m.generated_name, prefix_root) + ":") != std::string::npos;
    }
    if (generated) continue;
    static const std::regex kWrapperLocal(R"(<__ks_c\d+>)");
    l = std::regex_replace(l, kWrapperLocal, "<component>");
    l = unshift_prelude_columns(l);
    // Absolute paths of user files read better relative to the app.
    l = str::replace_all(l, prefix_root + "/", "");
    lines.push_back(l);
  }
  // First line: "<file:line:col>: <message>", from the first frame that names a position.
  // Nothing left means the error is in ks's own generated code: say so with libjsonnet's words.
  if (lines.empty()) {
    auto raw = str::split(str::trim(text), '\n');
    return "internal error in ks's generated jsonnet (please report it): " +
           (raw.empty() ? std::string("no message") : raw[0]);
  }
  std::string first = lines[0];
  std::string message = first;
  std::string where;
  static const std::regex kStatic(R"(^STATIC ERROR: (\S+?:\(?\d+:\d+\S*): (.*)$)");
  std::smatch m;
  if (std::regex_match(first, m, kStatic)) {
    where = m[1];
    message = "syntax error: " + m[2].str();
  } else {
    if (str::starts_with(message, "RUNTIME ERROR: ")) message = message.substr(15);
    for (size_t i = 1; i < lines.size(); ++i) {
      std::string frame = str::trim(lines[i]);
      auto tab = frame.find_first_of("\t ");
      std::string loc = frame.substr(0, tab);
      if (loc.find(':') != std::string::npos && loc.find("std.jsonnet") == std::string::npos &&
          loc[0] != '<') {
        where = loc;
        break;
      }
    }
  }
  static const std::regex kPoint(R"(^(.*?:\(?\d+:\d+))");
  std::smatch point;
  if (std::regex_search(where, point, kPoint)) where = str::replace_all(point[1].str(), "(", "");
  std::string out = where.empty() ? message : where + ": " + message;
  for (size_t i = 1; i < lines.size(); ++i) out += "\n  " + str::trim(lines[i]);
  return out;
}

}  // namespace ks::render
