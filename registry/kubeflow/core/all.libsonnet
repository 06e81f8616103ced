// Everything the kubeflow-core prototype deploys, from its params.
local jupyterhub = import 'jupyterhub.libsonnet';
local tfJobOperator = import 'tf-job-operator.libsonnet';
local util = import 'util.libsonnet';

{
  // Validated, normalized settings shared by the libraries of this package.
  // params: the component's params; env: std.extVar("__ksonnet/environments").
  config(params, env)::
    local namespace = util.checkName(util.namespace(params, env), 'namespace');
    local name = util.checkName(params.name, 'name');
    local cloudParam = util.orDefault(std.get(params, 'cloud'), null);
    local cloud = if cloudParam == null then null else util.checkName(cloudParam, 'cloud');
    local disks = util.splitList(std.get(params, 'disks'));
    local pvcMount = util.orDefault(std.get(params, 'jupyterNotebookPVCMount', null), null);
    {
      name: name,
      namespace: namespace,
      cloud: cloud,
      disks:
        if std.length(disks) > 0 && cloud != null && cloud != 'gke' then
          error 'param disks: Google persistent disks need cloud=gke (or cloud unset), got cloud=' + cloud
        else [util.checkName(d, 'disks') for d in disks],
      labels: {
        'app.kubernetes.io/part-of': 'kubeflow',
        'app.kubernetes.io/instance': name,
      } + (if cloud != null then { 'kubeflow.org/cloud': cloud } else {}),
      tfJobImage: params.tfJobImage,
      hubImage: params.jupyterHubImage,
      proxyImage: params.jupyterHubProxyImage,
      notebookImage: params.jupyterNotebookImage,
      hubServiceType: util.oneOf(params.jupyterHubServiceType,
                                 ['ClusterIP', 'NodePort', 'LoadBalancer'],
                                 'jupyterHubServiceType'),
      authenticator: util.orDefault(std.get(params, 'jupyterHubAuthenticator'), null),
      notebookPvcMount:
        if pvcMount == null || std.startsWith(pvcMount, '/') then pvcMount
        else error 'param jupyterNotebookPVCMount: "' + pvcMount + '" must be an absolute path',
    },

  parts(params, env)::
    local c = self.config(params, env);
    jupyterhub.parts(c) + tfJobOperator.parts(c),

  // The component value: a v1 List.
  list(params, env):: {
    apiVersion: 'v1',
    kind: 'List',
    items: $.parts(params, env),
  },
}
