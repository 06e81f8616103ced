// Structural checks on a rendered component: what a real API server (and
// ks's flattening of v1 Lists) would reject. Used by render-check.sh.
local clusterScoped = [
  'Namespace',
  'CustomResourceDefinition',
  'ClusterRole',
  'ClusterRoleBinding',
  'PersistentVolume',
  'StorageClass',
];
local has(xs, x) = std.length(std.filter(function(y) y == x, xs)) > 0;
local isLower(c) = c >= 'a' && c <= 'z';
local isDigit(c) = c >= '0' && c <= '9';
local isAlnum(c) = isLower(c) || isDigit(c);

local dnsLabel(s) =
  local cs = std.stringChars(s);
  std.isString(s) && std.length(cs) >= 1 && std.length(cs) <= 63
  && std.length(std.filter(function(c) !(isAlnum(c) || c == '-'), cs)) == 0
  && isAlnum(cs[0]) && isAlnum(cs[std.length(cs) - 1]);
local dnsSubdomain(s) =
  std.isString(s) && std.length(s) <= 253
  && std.length(std.filter(function(p) !dnsLabel(p), std.split(s, '.'))) == 0;
local labelValue(v) =
  local cs = std.stringChars(v);
  std.isString(v) && std.length(cs) <= 63
  && std.length(std.filter(function(c) !(isAlnum(c) || (c >= 'A' && c <= 'Z') || c == '-' || c == '_' || c == '.'), cs)) == 0;

// Paths of null values (the API server drops or rejects them; either way a bug here).
local nulls(v, path) =
  if v == null then [path]
  else if std.isObject(v) then std.flattenArrays([nulls(v[k], path + '.' + k) for k in std.objectFields(v)])
  else if std.isArray(v) then std.flattenArrays([nulls(v[i], path + '[' + i + ']') for i in std.range(0, std.length(v) - 1)])
  else [];

local subset(small, big) =
  std.length(std.filter(function(k) !std.objectHas(big, k) || big[k] != small[k], std.objectFields(small))) == 0;

local podChecks(id, pod) =
  local containers = std.get(pod.spec, 'containers', []);
  local volumes = [v.name for v in std.get(pod.spec, 'volumes', [])];
  (if std.length(containers) == 0 then [id + ': pod template has no containers'] else [])
  + std.flattenArrays([
    (if !std.objectHas(c, 'name') || !dnsLabel(c.name) then [id + ': container without a valid name'] else [])
    + (if !std.objectHas(c, 'image') || c.image == '' then [id + ': container ' + c.name + ' has no image'] else [])
    + [
      id + ': port name ' + p.name + ' longer than 15 characters'
      for p in std.get(c, 'ports', [])
      if std.objectHas(p, 'name') && std.length(p.name) > 15
    ]
    + [
      id + ': volumeMount ' + m.name + ' has no volume'
      for m in std.get(c, 'volumeMounts', [])
      if !has(volumes, m.name)
    ]
    for c in containers
  ]);

local objectChecks(o, all) =
  local id = std.get(o, 'kind', '?') + '/' + std.get(std.get(o, 'metadata', {}), 'name', '?');
  local meta = std.get(o, 'metadata', {});
  local spec = std.get(o, 'spec', {});
  local namesOf(kind) = [x.metadata.name for x in all if x.kind == kind];
  local basic =
    (if !std.isString(std.get(o, 'apiVersion')) || o.apiVersion == '' then [id + ': no apiVersion'] else [])
    + (if !std.isString(std.get(o, 'kind')) || o.kind == '' then [id + ': no kind'] else [])
    + (if !std.isString(std.get(meta, 'name')) then [id + ': no metadata.name']
       else if !dnsSubdomain(meta.name) then [id + ': metadata.name is not a DNS-1123 subdomain'] else [])
    + (if has(clusterScoped, std.get(o, 'kind')) then
         (if std.objectHas(meta, 'namespace') then [id + ': cluster-scoped object has a namespace'] else [])
       else if !std.isString(std.get(meta, 'namespace')) || !dnsLabel(meta.namespace) then
         [id + ': namespaced object without a valid metadata.namespace'] else [])
    + (if !std.isObject(std.get(meta, 'labels')) || std.length(std.objectFields(meta.labels)) == 0 then
         [id + ': no labels'] else
         [id + ': bad label value ' + k for k in std.objectFields(meta.labels) if !labelValue(meta.labels[k])])
    + [id + ': null at ' + p for p in nulls(o, '')];
  local kindSpecific =
    if o.kind == 'Deployment' || o.kind == 'StatefulSet' then
      local sel = std.get(std.get(spec, 'selector', {}), 'matchLabels', {});
      local tlabels = std.get(std.get(std.get(spec, 'template', {}), 'metadata', {}), 'labels', {});
      (if std.length(std.objectFields(sel)) == 0 then [id + ': no spec.selector.matchLabels'] else [])
      + (if !subset(sel, tlabels) then [id + ': selector does not match template labels'] else [])
      + (if o.kind == 'StatefulSet' && !has(namesOf('Service'), std.get(spec, 'serviceName')) then
           [id + ': serviceName names no Service of the component'] else [])
      + (if o.apiVersion != 'apps/v1' then [id + ': should be apps/v1'] else [])
      + podChecks(id, spec.template)
    else if o.kind == 'Service' then
      local sel = std.get(spec, 'selector', {});
      local pods = [
        w.spec.template
        for w in all
        if (w.kind == 'Deployment' || w.kind == 'StatefulSet') && subset(sel, w.spec.template.metadata.labels)
      ];
      local portNames = std.flattenArrays([
        [p.name for p in std.get(c, 'ports', []) if std.objectHas(p, 'name')]
        for t in pods
        for c in t.spec.containers
      ]);
      (if std.length(std.get(spec, 'ports', [])) == 0 then [id + ': no ports'] else [])
      + (if !has(['ClusterIP', 'NodePort', 'LoadBalancer'], std.get(spec, 'type', 'ClusterIP')) then [id + ': bad type'] else [])
      + (if !dnsLabel(meta.name) || !isLower(std.stringChars(meta.name)[0]) then [id + ': Service names must be DNS-1035 labels'] else [])
      + (if std.length(pods) == 0 then [id + ': selector matches no pod template of the component'] else [])
      + [
        id + ': targetPort ' + p.targetPort + ' names no container port'
        for p in spec.ports
        if std.isString(std.get(p, 'targetPort')) && !has(portNames, p.targetPort)
      ]
    else if o.kind == 'RoleBinding' || o.kind == 'ClusterRoleBinding' then
      (if !has(namesOf(o.roleRef.kind), o.roleRef.name) then [id + ': roleRef names no ' + o.roleRef.kind + ' of the component'] else [])
      + [
        id + ': subject ' + s.name + ' is no ServiceAccount of the component'
        for s in o.subjects
        if s.kind == 'ServiceAccount' && !has(namesOf('ServiceAccount'), s.name)
      ]
    else if o.kind == 'CustomResourceDefinition' then
      local versions = std.get(spec, 'versions', []);
      (if o.apiVersion != 'apiextensions.k8s.io/v1' then [id + ': should be apiextensions.k8s.io/v1'] else [])
      + (if meta.name != spec.names.plural + '.' + spec.group then [id + ': name must be <plural>.<group>'] else [])
      + (if std.length([v for v in versions if v.storage]) != 1 then [id + ': exactly one storage version'] else [])
      + [
        id + ': version ' + v.name + ' lacks an object openAPIV3Schema'
        for v in versions
        if std.get(std.get(std.get(v, 'schema', {}), 'openAPIV3Schema', {}), 'type') != 'object'
      ]
    else if o.kind == 'TFJob' then
      local specs = std.get(spec, 'tfReplicaSpecs', {});
      (if o.apiVersion != 'kubeflow.org/v1' then [id + ': should be kubeflow.org/v1'] else [])
      + (if std.length(std.objectFields(specs)) == 0 then [id + ': no tfReplicaSpecs'] else [])
      + std.flattenArrays([
        (if !has(['Chief', 'Master', 'PS', 'Worker', 'Evaluator'], t) then [id + ': unknown replica type ' + t] else [])
        + (if !std.isNumber(specs[t].replicas) || specs[t].replicas < 1 then [id + ': ' + t + ' replicas must be >= 1'] else [])
        + (if specs[t].template.spec.containers[0].name != 'tensorflow' then [id + ': ' + t + ' container must be named tensorflow'] else [])
        + podChecks(id + ' ' + t, specs[t].template)
        for t in std.objectFields(specs)
      ])
    else [];
  basic + (if std.length(basic) == 0 then kindSpecific else []);

{
  // Component value -> its objects, as ks flattens them.
  objects(out)::
    local items =
      if std.isArray(out) then out
      else if std.isObject(out) && std.get(out, 'kind') == 'List' then std.get(out, 'items', [])
      else if std.isObject(out) then [out]
      else error 'component must evaluate to an object, a List or an array, got ' + std.type(out);
    std.flattenArrays([
      if std.isObject(i) && std.get(i, 'kind') == 'List' then $.objects(i)
      else if std.isObject(i) then [i]
      else error 'List item is not an object: ' + std.type(i)
      for i in items
    ]),

  // Objects of the component, or an error listing every problem found.
  validate(out)::
    local objs = $.objects(out);
    local keys = [o.kind + '/' + std.get(o.metadata, 'namespace', '') + '/' + o.metadata.name for o in objs];
    local dups = [k for k in std.set(keys) if std.length(std.filter(function(x) x == k, keys)) > 1];
    local problems =
      (if std.length(objs) == 0 then ['component renders no objects'] else [])
      + ['duplicate object ' + d for d in dups]
      + std.flattenArrays([objectChecks(o, objs) for o in objs]);
    if std.length(problems) == 0 then objs else error std.join('\n', problems),
}
