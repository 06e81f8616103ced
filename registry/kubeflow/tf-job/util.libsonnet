// Param helpers of the kubeflow registry. Every package carries an identical
// copy because packages are installed (vendored) independently.
{
  // `ks generate` writes a string param whose header default is `null` as the
  // string "null"; users may also write a real null or an empty string.
  isUnset(v):: v == null || v == 'null' || v == '',

  orDefault(v, fallback):: if self.isUnset(v) then fallback else v,

  // The component's namespace: the `namespace` param when set, else the
  // environment's namespace, else "default".
  namespace(params, env)::
    self.orDefault(std.get(params, 'namespace'), self.orDefault(std.get(env, 'namespace'), 'default')),

  // "a, b,,c" -> ["a", "b", "c"]; unset -> [].
  splitList(s)::
    if self.isUnset(s) then []
    else std.filter(function(x) x != '', [std.strReplace(x, ' ', '') for x in std.split(s, ',')]),

  // `ks param set c n 1` stores a number; `--as-string` or hand edits give "1".
  toCount(v, what)::
    local isDigit(c) = c >= '0' && c <= '9';
    local n =
      if std.isNumber(v) then v
      else if std.isString(v) && v != '' && std.length(std.filter(function(c) !isDigit(c), std.stringChars(v))) == 0
      then std.parseInt(v)
      else null;
    if n != null && n >= 0 && std.floor(n) == n then n
    else error 'param ' + what + ': ' + std.toString(v) + ' is not a non-negative integer',

  // Object names must be DNS-1123 labels; names that also become Service
  // names must be DNS-1035 labels (start with a letter).
  checkName(n, what, mustStartWithLetter=false)::
    local isLower(c) = c >= 'a' && c <= 'z';
    local isDigit(c) = c >= '0' && c <= '9';
    local chars = std.stringChars(n);
    local len = std.length(chars);
    local valid =
      std.isString(n) && len >= 1 && len <= 63
      && std.length(std.filter(function(c) !(isLower(c) || isDigit(c) || c == '-'), chars)) == 0
      && (if mustStartWithLetter then isLower(chars[0]) else chars[0] != '-')
      && chars[len - 1] != '-';
    if valid then n
    else error 'param ' + what + ': "' + std.toString(n) + '" is not a valid Kubernetes name: use 1-63 '
               + 'lowercase letters, digits or "-", starting with a '
               + (if mustStartWithLetter then 'letter' else 'letter or digit')
               + ' and ending with a letter or digit',

  oneOf(v, allowed, what)::
    if std.length(std.filter(function(a) a == v, allowed)) > 0 then v
    else error 'param ' + what + ': "' + std.toString(v) + '" must be one of ' + std.join(', ', allowed),
}
