#pragma once
// Surgical, format-preserving edits of jsonnet files (params.libsonnet, globals.libsonnet) and
// prototype expansion. Every operation is a pure function from old text to new text: only the
// bytes of the edited field change; comments, spacing, order and everything else stay intact.
// Callers write the result with ks::fs::write_file_atomic.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace ks::edit {

// Where the object that `path` starts from is.
struct Locator {
  enum class Kind { TopLevel, FieldAnywhere };
  Kind kind = Kind::TopLevel;
  std::string field;       // FieldAnywhere: the field name
  bool plus_only = false;  // FieldAnywhere: only `field+:` style fields

  // The file's result expression, after any leading `local x = ...;` binds; it must be an object
  // literal.
  static Locator top_level() { return {}; }
  // The first object literal (in file order) that is the value of a field called `name` anywhere
  // in the file — e.g. `components +: { ... }` in an environment's params.libsonnet.
  static Locator field_anywhere(std::string name, bool plus_only) {
    return {Kind::FieldAnywhere, std::move(name), plus_only};
  }
};

struct EditStyle {
  std::string nested_sep = ":";  // separator of created intermediate objects (`+:` in env files)
  std::string key_sep = ":";     // separator of a newly inserted `key`
  bool create = true;            // create missing objects along `path` (else throw ks::Error)
  bool quote_key = false;        // always write a newly inserted `key` "double-quoted"
  // Index into `path` of a segment to always double-quote when it has to be created (component
  // names in env params files: `"cnn"+: {...}`); -1 for none.
  int quote_path_index = -1;
};

// Keys are compared by decoded value (`a`, 'a' and "a" are the same key). A new key is written
// bare when it is an identifier and not a keyword, else "double-quoted". `path` is followed from
// the located object through fields whose values are object literals (any separator).
//
// Errors are ks::Error naming `source`: syntax errors ("<source>:<line>:<col>: ..."), a missing
// located object, a path field whose value is not an object literal.

// Sets `key` to `value_jsonnet` (jsonnet source text, e.g. from to_jsonnet_literal or
// to_jsonnet_block). An existing value's bytes are replaced; a new field goes after the last
// member, on its own line with its siblings' indentation and a trailing comma (expanding `{}`).
// A multi-line value is re-indented to the field's indentation (lines after the first get it
// prepended), so to_jsonnet_block output lands exactly as ksonnet's `generate` wrote it.
std::string set_field(const std::string& text, const std::string& source, const Locator& where,
                      const std::vector<std::string>& path, const std::string& key,
                      const std::string& value_jsonnet, const EditStyle& style = {});

// Removes the field `key` (its whole line(s) when it stands alone on them, including the comma
// and a same-line trailing comment). Sets *removed (if given) to whether it existed; a missing
// path or key leaves the text unchanged.
std::string remove_field(const std::string& text, const std::string& source, const Locator& where,
                         const std::vector<std::string>& path, const std::string& key,
                         bool* removed = nullptr);

// The raw source text of the value of `key`, if the path and key exist.
std::optional<std::string> get_field_text(const std::string& text, const std::string& source,
                                          const Locator& where,
                                          const std::vector<std::string>& path,
                                          const std::string& key);

// Decoded field names of the object at `path`, in file order (computed `[e]:` fields, locals and
// asserts are skipped); empty when the path does not exist.
std::vector<std::string> field_names(const std::string& text, const std::string& source,
                                     const Locator& where, const std::vector<std::string>& path);

// A JSON value as compact jsonnet source: numbers bare, strings "double-quoted" with JSON escapes,
// true/false/null, `[1, 2]`, `{a: 1, "b-c": 2}` (keys sorted, bare when identifiers).
std::string to_jsonnet_literal(const nlohmann::json& value);
// A JSON object as a multi-line block with 2-space indentation and trailing commas, one field per
// line with compact values: "{\n  a: 1,\n  b: \"x\",\n}" ("{}" when empty). Other values are
// formatted like to_jsonnet_literal.
std::string to_jsonnet_block(const nlohmann::json& value);
// `key` as a field name: bare if an identifier and not a keyword (unless `always_quote`), else
// "double-quoted".
std::string format_key(const std::string& key, bool always_quote = false);

// Prototype expansion on the token stream: `import 'param://NAME'` (any string form, comments or
// whitespace allowed after `import`) becomes `params.NAME` and `import 'env://X'` becomes `env.X`
// (`params["NAME"]` when NAME is not an identifier); strings and comments never change.
std::string substitute_prototype_imports(const std::string& text, const std::string& source);

// Throws ks::Error("<what>: <why>") unless `text` is one syntactically valid jsonnet expression.
void check_expression(const std::string& text, const std::string& what);

}  // namespace ks::edit
