#include "base/yaml_reader.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>
#include <sstream>
#include <utility>

#include "base/error.h"
#include "base/strings.h"
#include "base/yaml.h"

namespace ks::yaml {

namespace {

using nlohmann::json;

size_t first_invalid_utf8(const std::string& s, size_t from = 0);
std::string latin1_escapes_as_utf8(const std::string& s);

std::string where(const std::string& source, const YAML::Mark& mark) {
  if (mark.is_null()) return source;
  return source + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
}

// A value with its expanded size, which is what an alias to it costs.
struct Sized {
  json value;
  size_t nodes = 0;
  size_t bytes = 0;
  std::optional<std::string> scalar_text;  // set for scalars: usable as a mapping key
};

struct Frame {
  bool is_map = false;
  YAML::Mark mark;
  YAML::anchor_t anchor = 0;
  json value;   // the list, or the mapping's explicit keys
  json merged;  // keys from `<<` merges (mappings only); explicit keys win over these
  std::optional<std::string> key;  // mappings: the key waiting for its value
  bool key_is_merge = false;
  size_t nodes = 1;
  size_t bytes = 0;
};

class Builder : public YAML::EventHandler {
 public:
  Builder(const std::string& source, const AliasLimits& limits)
      : source_(source), limits_(limits) {}

  std::optional<json> take_document() { return std::exchange(document_, std::nullopt); }

  // yaml-cpp 0.7 does not consume a ',' outside [ ] or { } where a document's node should start:
  // it reports an empty document there, again and again, forever. A document that starts where
  // the previous one started made no progress.
  void OnDocumentStart(const YAML::Mark& mark) override {
    if (last_start_ && mark.pos == *last_start_) {
      throw Error(where(source_, mark) +
                  ": invalid YAML: unexpected ',' outside a [ ] or { } collection");
    }
    last_start_ = mark.pos;
    anchors_.clear();
    stack_.clear();
  }
  void OnDocumentEnd() override {}

  void OnAnchor(const YAML::Mark&, const std::string& name) override { pending_name_ = name; }

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    add(mark, anchor, Sized{nullptr, 1, 0, std::nullopt});
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& decoded) override {
    const std::string text = latin1_escapes_as_utf8(decoded);
    // yaml-cpp tags quoted scalars "!"; plain ones "?" (then typed as YAML 1.1 does).
    bool as_string = tag == "!" || tag == "tag:yaml.org,2002:str";
    Sized value{as_string ? json(text) : plain_scalar(text), 1, text.size(), text};
    if (!stack_.empty() && stack_.back().is_map && !stack_.back().key) {
      Frame& map = stack_.back();
      map.key = text;  // JSON keys are the scalar's text, whatever it looks like
      map.key_is_merge = tag == "?" && text == "<<";
      map.nodes += 1;
      map.bytes += text.size();
      remember(anchor, value);
      return;
    }
    add(mark, anchor, std::move(value));
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    for (const Frame& open : stack_) {
      if (open.anchor == anchor) {
        throw Error(where(source_, mark) + ": YAML alias *" + name_of(anchor) +
                    " refers to a node that contains it (a cycle); use a separate anchor");
      }
    }
    auto it = anchors_.find(anchor);
    if (it == anchors_.end())
      throw Error(where(source_, mark) + ": YAML alias *" + name_of(anchor) + " is undefined");
    const Sized& target = it->second;
    alias_nodes_ += target.nodes;
    alias_bytes_ += target.bytes;
    if (alias_nodes_ > limits_.max_nodes || alias_bytes_ > limits_.max_bytes) {
      throw Error(where(source_, mark) + ": YAML aliases expand to more than " +
                  std::to_string(limits_.max_nodes) + " nodes or " +
                  std::to_string(limits_.max_bytes >> 20) +
                  " MiB (an alias bomb?); write the repeated parts out or use fewer aliases");
    }
    if (!stack_.empty() && stack_.back().is_map && !stack_.back().key) {
      if (!target.scalar_text) throw non_scalar_key(mark);
      Frame& map = stack_.back();
      map.key = *target.scalar_text;
      map.key_is_merge = false;
      map.nodes += 1;
      map.bytes += target.scalar_text->size();
      return;
    }
    add(mark, 0, target);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(mark, anchor, false);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(mark, anchor, true);
  }
  void OnMapEnd() override { close(); }

 private:
  Error non_scalar_key(const YAML::Mark& mark) const {
    return Error(source_ + ":" + std::to_string(mark.line + 1) + ": mapping keys must be scalars");
  }

  std::string name_of(YAML::anchor_t anchor) const {
    auto it = names_.find(anchor);
    return it == names_.end() ? "?" : it->second;
  }

  void remember(YAML::anchor_t anchor, const Sized& value) {
    if (anchor == 0) return;
    names_[anchor] = pending_name_;
    anchors_[anchor] = value;
  }

  void open(const YAML::Mark& mark, YAML::anchor_t anchor, bool is_map) {
    if (!stack_.empty() && stack_.back().is_map && !stack_.back().key) throw non_scalar_key(mark);
    if (anchor != 0) names_[anchor] = pending_name_;
    Frame f;
    f.is_map = is_map;
    f.mark = mark;
    f.anchor = anchor;
    f.value = is_map ? json::object() : json::array();
    f.merged = json::object();
    stack_.push_back(std::move(f));
  }

  void close() {
    Frame f = std::move(stack_.back());
    stack_.pop_back();
    json value = std::move(f.value);
    if (f.is_map && !f.merged.empty()) {
      for (auto& [k, v] : value.items()) f.merged[k] = std::move(v);
      value = std::move(f.merged);
    }
    add(f.mark, f.anchor, Sized{std::move(value), f.nodes, f.bytes, std::nullopt});
  }

  void merge_into(Frame& map, const json& source, const YAML::Mark& mark) {
    auto merge_one = [&](const json& m) {
      if (!m.is_object()) {
        throw Error(where(source_, mark) +
                    ": a YAML merge key (<<) takes a mapping or a list of mappings");
      }
      // Earlier merged mappings win over later ones.
      for (auto& [k, v] : m.items())
        if (!map.merged.contains(k)) map.merged[k] = v;
    };
    if (source.is_array()) {
      for (const auto& m : source) merge_one(m);
    } else {
      merge_one(source);
    }
  }

  void add(const YAML::Mark& mark, YAML::anchor_t anchor, Sized value) {
    remember(anchor, value);
    if (stack_.empty()) {
      document_ = std::move(value.value);
      return;
    }
    Frame& top = stack_.back();
    if (top.is_map && !top.key) throw non_scalar_key(mark);
    top.nodes += value.nodes;
    top.bytes += value.bytes;
    if (!top.is_map) {
      top.value.push_back(std::move(value.value));
      return;
    }
    if (top.key_is_merge) {
      merge_into(top, value.value, mark);
    } else {
      top.value[*top.key] = std::move(value.value);
    }
    top.key.reset();
    top.key_is_merge = false;
  }

  const std::string& source_;
  AliasLimits limits_;
  std::vector<Frame> stack_;
  std::map<YAML::anchor_t, Sized> anchors_;
  std::map<YAML::anchor_t, std::string> names_;
  std::string pending_name_;
  std::optional<json> document_;
  std::optional<int> last_start_;
  size_t alias_nodes_ = 0;
  size_t alias_bytes_ = 0;
};

// Offset of the first byte that does not belong to well-formed UTF-8 (no overlong forms, no
// surrogates, nothing above U+10FFFF), or npos.
size_t first_invalid_utf8(const std::string& s, size_t from) {
  size_t i = from;
  while (i < s.size()) {
    auto b = [&](size_t k) { return static_cast<unsigned char>(s[i + k]); };
    unsigned char c = b(0);
    size_t len = c < 0x80                   ? 1
                 : (c >= 0xC2 && c <= 0xDF) ? 2
                 : (c >= 0xE0 && c <= 0xEF) ? 3
                 : (c >= 0xF0 && c <= 0xF4) ? 4
                                            : 0;
    if (len == 0 || i + len > s.size()) return i;
    for (size_t k = 1; k < len; ++k)
      if ((b(k) & 0xC0) != 0x80) return i;
    if ((c == 0xE0 && b(1) < 0xA0) || (c == 0xED && b(1) > 0x9F) || (c == 0xF0 && b(1) < 0x90) ||
        (c == 0xF4 && b(1) > 0x8F))
      return i;
    i += len;
  }
  return std::string::npos;
}

// yaml-cpp 0.7 decodes the double-quoted escapes \N (U+0085) and \_ (U+00A0) to the single
// bytes 0x85 and 0xA0, not to UTF-8 (found by fuzz_import: the component ks wrote did not read
// back). The input was checked to be UTF-8, so a byte that breaks UTF-8 in a decoded scalar came
// from one of those escapes: it is written as the character it stands for.
std::string latin1_escapes_as_utf8(const std::string& s) {
  size_t bad = first_invalid_utf8(s);
  if (bad == std::string::npos) return s;
  std::string out;
  size_t done = 0;
  while (bad != std::string::npos) {
    out.append(s, done, bad - done);
    str::append_utf8(out, static_cast<unsigned char>(s[bad]));  // 0x85 -> U+0085, 0xA0 -> U+00A0
    done = bad + 1;
    bad = first_invalid_utf8(s, done);
  }
  out.append(s, done, std::string::npos);
  return out;
}

// kubectl's reader refuses invalid UTF-8 too, and a string holding it cannot be written as JSON
// (nlohmann::json throws when dumping it), so such input never reaches the parser. A NUL byte is
// refused as well: YAML forbids it, and yaml-cpp takes text starting "X\0\0\0" or "X\0" for
// UTF-32/UTF-16 and decodes it into code points that are not UTF-8 (found by fuzz_yaml_stream).
// UTF-16/32 files with a byte order mark fail here too (0xFE/0xFF are never UTF-8).
void require_utf8(const std::string& text, const std::string& source) {
  size_t bad = std::min(first_invalid_utf8(text), text.find('\0'));
  if (bad == std::string::npos) return;
  size_t line = 1 + static_cast<size_t>(std::count(text.begin(), text.begin() + bad, '\n'));
  size_t line_start = text.rfind('\n', bad == 0 ? 0 : bad - 1);
  size_t column = bad + 1 - (line_start == std::string::npos || bad == 0 ? 0 : line_start + 1);
  char byte[8];
  std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(text[bad]));
  throw Error(source + ":" + std::to_string(line) + ":" + std::to_string(column) +
              ": invalid YAML: not UTF-8 (byte " + byte + "); save the file as UTF-8");
}

std::string yaml_error(const YAML::Exception& e, const std::string& source) {
  return where(source, e.mark) + ": invalid YAML: " + e.msg;
}

}  // namespace

std::vector<json> read_documents(const std::string& text, const std::string& source,
                                 bool first_only, const AliasLimits& limits) {
  require_utf8(text, source);
  std::vector<json> docs;
  std::istringstream in(text);
  Builder builder(source, limits);
  try {
    YAML::Parser parser(in);
    while (parser.HandleNextDocument(builder)) {
      docs.push_back(builder.take_document().value_or(nullptr));
      // An empty first document may be yaml-cpp stalling (see OnDocumentStart): one more call
      // tells.
      if (first_only && (!docs.front().is_null() || docs.size() > 1)) break;
    }
    if (first_only) docs.resize(std::min<size_t>(docs.size(), 1));
  } catch (const YAML::Exception& e) {
    throw Error(yaml_error(e, source));
  }
  return docs;
}

}  // namespace ks::yaml
