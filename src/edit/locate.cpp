#include "edit/locate.h"

#include "base/error.h"
#include "base/strings.h"

namespace ks::edit {
namespace {

std::string describe(const Locator& where) {
  if (where.kind == Locator::Kind::TopLevel) return "the top-level object";
  return "`" + where.field + (where.plus_only ? "+:" : ":") + " { ... }`";
}

std::string position(const Syntax& syntax, const std::string& source, std::size_t token) {
  const Token& t = syntax.tokens[token];
  return source + ":" + std::to_string(t.line) + ":" + std::to_string(t.column);
}

int resolve(const Syntax& syntax, const std::string& source, const Locator& where) {
  if (where.kind == Locator::Kind::TopLevel) {
    if (syntax.root.object < 0) {
      throw Error(source +
                  ": expected the file to be an object literal `{ ... }` (optionally "
                  "after `local` bindings); edit it by hand");
    }
    return syntax.root.object;
  }
  const Member* best = nullptr;
  for (const ObjectLit& o : syntax.objects) {
    for (const Member& m : o.members) {
      if (m.kind != MemberKind::Field || m.name != where.field || m.value.object < 0) continue;
      if (where.plus_only && !m.plus) continue;
      if (!best || m.first < best->first) best = &m;
    }
  }
  if (!best) {
    throw Error(source + ": found no field " + describe(where) +
                " whose value is an object literal; edit the file by hand");
  }
  return best->value.object;
}

}  // namespace

const Member* find_field(const ObjectLit& object, const std::string& name) {
  for (const Member& m : object.members) {
    if (m.kind == MemberKind::Field && m.name == name) return &m;
  }
  return nullptr;
}

PathResult locate(const Syntax& syntax, const std::string& source, const Locator& where,
                  const std::vector<std::string>& path) {
  int object = resolve(syntax, source, where);
  std::size_t depth = 0;
  for (; depth < path.size(); ++depth) {
    const Member* m = find_field(syntax.objects[object], path[depth]);
    if (!m) break;
    if (m->value.object < 0) {
      std::vector<std::string> prefix(path.begin(),
                                      path.begin() + static_cast<std::ptrdiff_t>(depth) + 1);
      throw Error(position(syntax, source, m->first) + ": field '" + str::join(prefix, ".") +
                  "' is not an object literal `{ ... }`; edit it by hand");
    }
    object = m->value.object;
  }
  if (syntax.objects[object].comprehension) {
    throw Error(position(syntax, source, syntax.objects[object].open) +
                ": cannot edit fields of an object comprehension; edit it by hand");
  }
  return {object, depth};
}

}  // namespace ks::edit
