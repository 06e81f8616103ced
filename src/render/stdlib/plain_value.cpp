#include "render/stdlib/plain_value.h"

namespace ks::render::stdlib {

const std::string& plain_value_locals() {
  // Only visible fields, objects rebuilt without their assertions (stock never indexes an empty
  // object, so never runs them), and stock's own error for a function. std.toString then forces
  // the value in stock's order (sorted fields, depth first), so the first error is stock's.
  static const std::string locals =
      "local type = __ks_s.type, is = __ks_s.primitiveEquals, fields = __ks_s.objectFieldsEx, "
      "make = __ks_s.makeArray, len = __ks_s.length; "
      "local plain(v, path) = local t = type(v); "
      "if is(t, 'object') then { [k]: plain(v[k], path + [k]) for k in fields(v, false) } "
      "else if is(t, 'array') then make(len(v), function(i) plain(v[i], path + [i])) "
      "else if is(t, 'function') then error 'Tried to manifest function at ' + path else v; ";
  return locals;
}

}  // namespace ks::render::stdlib
