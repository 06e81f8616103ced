// Helpers in the style of the util.libsonnet files that Kubeflow's ksonnet packages shipped:
// params arrive as strings ("a,b,c", "true", "null") and are parsed with std.split / std.filter /
// std.type; objects are cleaned with std.prune; text (flags, properties, route annotations) is
// built with std.format, std.join and `+`.
{
  // "a,b,,c" -> ["a", "b", "c"]; "null", "" and non-strings -> []
  toArray(str)::
    if std.type(str) == 'string' && str != 'null' && std.length(str) > 0 then
      std.filter(function(s) s != '', std.split(str, ','))
    else [],

  toBool(v)::
    if std.type(v) == 'boolean' then v
    else if std.type(v) == 'string' then std.asciiLower(v) == 'true'
    else false,

  // "null" and "" (ksonnet params cannot hold null) -> null, for std.prune to drop
  nullable(v):: if v == 'null' || v == '' then null else v,

  getOr(o, key, dflt):: if std.objectHas(o, key) then o[key] else dflt,

  // {port: 80, v: 2} -> ["--port=80", "--v=2"]
  flags(m):: std.map(function(f) std.format('--%s=%s', [f, std.toString(m[f])]),
                     std.filter(function(f) m[f] != null, std.objectFields(m))),

  envList(m):: [{ name: std.asciiUpper(f), value: std.toString(m[f]) } for f in std.objectFields(m)],

  labels(name, component):: {
    app: name,
    'app.kubernetes.io/component': component,
    'app.kubernetes.io/part-of': 'bench',
  },

  // An Ambassador route, a YAML document written as a string (as Kubeflow's services did).
  ambassadorRoute(name, prefix, service, port, namespace)::
    std.join('\n', [
      '---',
      'apiVersion: ambassador/v0',
      'kind:  Mapping',
      'name: ' + name + '-mapping',
      'prefix: ' + prefix,
      'rewrite: /',
      'timeout_ms: ' + std.toString(30000),
      std.format('service: %s.%s:%d', [service, namespace, port]),
    ]) + '\n',

  // {a: 1, b: "x"} -> "a=1\nb=x\n"
  properties(m):: std.join('\n', [f + '=' + std.toString(m[f]) for f in std.objectFields(m)]) + '\n',
}
