// set_field / remove_field / get_field_text / field_names: byte-range splices on the token
// stream, so everything outside the edited field stays byte-identical.
#include <algorithm>

#include "base/error.h"
#include "base/strings.h"
#include "edit/edit.h"
#include "edit/locate.h"
#include "edit/syntax.h"

namespace ks::edit {
namespace {

struct Splice {
  std::size_t begin;
  std::size_t end;
  std::string text;
};

// Applies non-overlapping splices. At equal offsets the wider replacement is applied first, so
// a pure insertion at the same offset ends up in front of it.
std::string apply(std::string text, std::vector<Splice> splices) {
  std::stable_sort(splices.begin(), splices.end(), [](const Splice& a, const Splice& b) {
    return a.begin != b.begin ? a.begin > b.begin : a.end > b.end;
  });
  for (const Splice& s : splices) text.replace(s.begin, s.end - s.begin, s.text);
  return text;
}

std::size_t line_start(const std::string& text, std::size_t pos) {
  std::size_t nl = pos == 0 ? std::string::npos : text.rfind('\n', pos - 1);
  return nl == std::string::npos ? 0 : nl + 1;
}

std::string line_indent(const std::string& text, std::size_t pos) {
  std::size_t b = line_start(text, pos);
  std::size_t e = b;
  while (e < text.size() && (text[e] == ' ' || text[e] == '\t')) ++e;
  return text.substr(b, e - b);
}

bool only_space_before(const std::string& text, std::size_t pos) {
  for (std::size_t i = line_start(text, pos); i < pos; ++i) {
    if (text[i] != ' ' && text[i] != '\t') return false;
  }
  return true;
}

// Index of the token starting at byte `pos` (tokens are contiguous, so one always does).
std::size_t token_at(const std::vector<Token>& tokens, std::size_t pos) {
  auto it = std::lower_bound(tokens.begin(), tokens.end(), pos,
                             [](const Token& t, std::size_t p) { return t.begin < p; });
  return static_cast<std::size_t>(it - tokens.begin());
}

// When only whitespace and comments that end on this line follow `pos` up to the end of its
// line, the offset just past that line's newline (or the end of text); else npos.
std::size_t rest_of_line_end(const std::string& text, const std::vector<Token>& tokens,
                             std::size_t pos) {
  for (std::size_t i = token_at(tokens, pos); i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (t.kind == TokenKind::EndOfFile) return text.size();
    if (t.kind != TokenKind::Whitespace && t.kind != TokenKind::Comment) return std::string::npos;
    std::size_t nl = text.find('\n', t.begin);
    if (nl != std::string::npos && nl < t.end) {
      return t.kind == TokenKind::Whitespace ? nl + 1 : std::string::npos;
    }
  }
  return text.size();
}

// End of the last non-whitespace token before token index `i`.
std::size_t end_of_previous(const std::vector<Token>& tokens, std::size_t i) {
  while (i > 0 && tokens[i - 1].kind == TokenKind::Whitespace) --i;
  return i == 0 ? 0 : tokens[i - 1].end;
}

// Prepends `indent` to every line after the first of a multi-line value, touching only newlines
// in whitespace (never inside strings or comments) and leaving blank lines empty.
std::string reindent(const std::string& value, const std::string& indent) {
  if (value.find('\n') == std::string::npos || indent.empty()) return value;
  std::string out;
  for (const Token& t : lex(value, "value")) {
    std::string_view piece = t.text(value);
    if (t.kind != TokenKind::Whitespace) {
      out += piece;
      continue;
    }
    for (std::size_t i = 0; i < piece.size(); ++i) {
      out += piece[i];
      bool next_is_content = i + 1 < piece.size() ? piece[i + 1] != '\n' && piece[i + 1] != '\r'
                                                  : t.end < value.size();
      if (piece[i] == '\n' && next_is_content) out += indent;
    }
  }
  return out;
}

// Inserts `head value` (head is e.g. `"cnn"+:`) as the last member of `object`.
std::vector<Splice> insert_member(const std::string& text, const Syntax& syntax,
                                  const ObjectLit& object, const std::string& head,
                                  const std::string& value) {
  const auto& tokens = syntax.tokens;
  const Token& open = tokens[object.open];
  const Token& close = tokens[object.close];
  std::string base = line_indent(text, open.begin);
  bool blank_inside =
      object.close == object.open + 1 ||
      (object.close == object.open + 2 && tokens[object.open + 1].kind == TokenKind::Whitespace);
  if (open.line == close.line && blank_inside) {  // `{}` / `{ }`: expand to multiple lines
    std::string indent = base + "  ";
    return {{open.end, close.begin,
             "\n" + indent + head + " " + reindent(value, indent) + ",\n" + base}};
  }
  if (open.line == close.line) {  // a one-line object stays on one line
    std::string field = head + " " + reindent(value, base);
    if (object.members.empty()) return {{close.begin, close.begin, field + " "}};
    const Member& last = object.members.back();
    if (last.comma) return {{tokens[*last.comma].end, tokens[*last.comma].end, " " + field + ","}};
    return {{tokens[last.last].end, tokens[last.last].end, ", " + field}};
  }
  std::string indent = base + "  ";
  for (auto m = object.members.rbegin(); m != object.members.rend(); ++m) {
    if (only_space_before(text, tokens[m->first].begin)) {
      indent = line_indent(text, tokens[m->first].begin);
      break;
    }
  }
  std::string field = indent + head + " " + reindent(value, indent) + ",\n";
  std::vector<Splice> splices;
  if (!object.members.empty() && !object.members.back().comma) {
    std::size_t end = tokens[object.members.back().last].end;
    splices.push_back({end, end, ","});
  }
  if (only_space_before(text, close.begin)) {
    std::size_t at = line_start(text, close.begin);
    splices.push_back({at, at, field});
  } else {
    splices.push_back({end_of_previous(tokens, object.close), close.begin, "\n" + field + base});
  }
  return splices;
}

std::vector<Splice> remove_member(const std::string& text, const Syntax& syntax,
                                  const ObjectLit& object, const Member& m) {
  const auto& tokens = syntax.tokens;
  std::size_t begin = tokens[m.first].begin;
  std::size_t end = m.comma ? tokens[*m.comma].end : tokens[m.last].end;
  std::size_t line_end = rest_of_line_end(text, tokens, end);
  if (line_end != std::string::npos && only_space_before(text, begin)) {
    return {{line_start(text, begin), line_end, ""}};
  }
  if (m.comma) {
    if (line_end != std::string::npos) return {{end_of_previous(tokens, m.first), end, ""}};
    while (end < text.size() && (text[end] == ' ' || text[end] == '\t')) ++end;
    return {{begin, end, ""}};
  }
  // The last member, without a comma: take the previous member's comma with it.
  auto self = std::find_if(object.members.begin(), object.members.end(),
                           [&](const Member& x) { return &x == &m; });
  if (self != object.members.begin() && std::prev(self)->comma) {
    return {{tokens[*std::prev(self)->comma].begin, end, ""}};
  }
  return {{end_of_previous(tokens, m.first), end, ""}};
}

std::string checked(std::string result, const std::string& source) {
  try {
    parse_syntax(result, source);
  } catch (const Error& e) {
    throw Error("internal error: editing " + source +
                " would produce invalid jsonnet; the file was left unchanged (" + e.what() + ")");
  }
  return result;
}

}  // namespace

std::string set_field(const std::string& text, const std::string& source, const Locator& where,
                      const std::vector<std::string>& path, const std::string& key,
                      const std::string& value_jsonnet, const EditStyle& style) {
  const std::string value = str::trim(value_jsonnet);
  check_expression(value, "value for '" + key + "'");
  std::string current = text;
  for (;;) {
    Syntax syntax = parse_syntax(current, source);
    auto [object_index, depth] = locate(syntax, source, where, path);
    const ObjectLit& object = syntax.objects[object_index];
    if (depth < path.size()) {
      if (!style.create) {
        std::string missing;
        for (std::size_t i = 0; i <= depth; ++i) missing += (i ? "." : "") + path[i];
        throw Error(source + ": no object '" + missing + "' to set '" + key + "' in");
      }
      bool quote = static_cast<int>(depth) == style.quote_path_index;
      std::string head = format_key(path[depth], quote) + style.nested_sep;
      current = apply(current, insert_member(current, syntax, object, head, "{}"));
      continue;
    }
    if (const Member* m = find_field(object, key)) {
      const Token& first = syntax.tokens[m->value.first];
      const Token& last = syntax.tokens[m->value.last];
      std::string indent = line_indent(current, syntax.tokens[m->first].begin);
      Splice s{first.begin, last.end, reindent(value, indent)};
      return checked(apply(current, {s}), source);
    }
    std::string head = format_key(key, style.quote_key) + style.key_sep;
    return checked(apply(current, insert_member(current, syntax, object, head, value)), source);
  }
}

std::string remove_field(const std::string& text, const std::string& source, const Locator& where,
                         const std::vector<std::string>& path, const std::string& key,
                         bool* removed) {
  if (removed) *removed = false;
  Syntax syntax = parse_syntax(text, source);
  auto [object_index, depth] = locate(syntax, source, where, path);
  if (depth < path.size()) return text;
  const ObjectLit& object = syntax.objects[object_index];
  const Member* m = find_field(object, key);
  if (!m) return text;
  if (removed) *removed = true;
  return checked(apply(text, remove_member(text, syntax, object, *m)), source);
}

std::optional<std::string> get_field_text(const std::string& text, const std::string& source,
                                          const Locator& where,
                                          const std::vector<std::string>& path,
                                          const std::string& key) {
  Syntax syntax = parse_syntax(text, source);
  auto [object_index, depth] = locate(syntax, source, where, path);
  if (depth < path.size()) return std::nullopt;
  const Member* m = find_field(syntax.objects[object_index], key);
  if (!m) return std::nullopt;
  std::size_t begin = syntax.tokens[m->value.first].begin;
  return text.substr(begin, syntax.tokens[m->value.last].end - begin);
}

std::vector<std::string> field_names(const std::string& text, const std::string& source,
                                     const Locator& where, const std::vector<std::string>& path) {
  Syntax syntax = parse_syntax(text, source);
  auto [object_index, depth] = locate(syntax, source, where, path);
  std::vector<std::string> names;
  if (depth < path.size()) return names;
  for (const Member& m : syntax.objects[object_index].members) {
    if (m.kind == MemberKind::Field && m.name) names.push_back(*m.name);
  }
  return names;
}

}  // namespace ks::edit
