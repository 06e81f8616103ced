#pragma once
// The object structure of a jsonnet file: a recursive-descent parse of the whole grammar that keeps
// only what edits need — every object literal with its members, as token indices into the lossless
// token stream. Internal to ks_edit.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "edit/lexer.h"

namespace ks::edit {

// An expression, as the indices of its first and last significant tokens.
struct Expr {
  std::size_t first = 0;
  std::size_t last = 0;
  // Index into Syntax::objects when the expression is an object literal (possibly after `local`
  // bindings, e.g. `local x = 1; { ... }`), else -1.
  int object = -1;
};

enum class MemberKind { Field, Local, Assert };

struct Member {
  MemberKind kind = MemberKind::Field;
  std::optional<std::string> name;   // decoded field name; none for computed `[e]:` names
  std::size_t first = 0;             // first token of the member
  std::size_t last = 0;              // last token of the member (the value), comma excluded
  std::size_t separator = 0;         // the `:`/`::`/`+:`... token (fields only)
  bool plus = false;                 // `+:` style separator
  Expr value;                        // fields only
  std::optional<std::size_t> comma;  // the `,` that follows the member
};

struct ObjectLit {
  std::size_t open = 0;   // the `{` token
  std::size_t close = 0;  // the `}` token
  std::vector<Member> members;
  bool comprehension = false;
};

struct Syntax {
  std::vector<Token> tokens;       // every token, trivia included
  std::vector<ObjectLit> objects;  // in order of their `{`
  Expr root;
};

// Lexes and parses `text`; throws ks::Error("<source>:<line>:<col>: <what>") unless it is one
// syntactically valid jsonnet expression.
Syntax parse_syntax(const std::string& text, const std::string& source);

}  // namespace ks::edit
