// One bench "package": a service account, RBAC, a ConfigMap, a Deployment and a Service built
// through the generated k.libsonnet (ksonnet-lib's beta.3 API), the way Kubeflow's 2019
// packages were written: `local instance = kapp.new(env, params); instance.list(instance.all)`.
local k = import 'k.libsonnet';
local util = import 'kutil.libsonnet';

local deployment = k.apps.v1beta1.deployment;
local container = deployment.mixin.spec.template.spec.containersType;
local containerPort = container.portsType;
local envVar = container.envType;
local volumeMount = container.volumeMountsType;
local volume = deployment.mixin.spec.template.spec.volumesType;
local service = k.core.v1.service;
local servicePort = service.mixin.spec.portsType;
local configMap = k.core.v1.configMap;
local serviceAccount = k.core.v1.serviceAccount;
local clusterRole = k.rbac.v1beta1.clusterRole;
local rule = clusterRole.rulesType;
local binding = k.rbac.v1beta1.clusterRoleBinding;
local subject = binding.subjectsType;

{
  new(env, params):: {
    local name = params.name,
    local namespace = if params.namespace == 'null' then env.namespace else params.namespace,
    local labels = util.labels(name, params.component),
    local hosts = util.toArray(params.hosts),
    local args = util.flags(params.flags) + util.toArray(params.extraArgs),

    serviceAccount:: serviceAccount.new(name)
                     + serviceAccount.mixin.metadata.withNamespace(namespace)
                     + serviceAccount.mixin.metadata.withLabels(labels),

    clusterRole:: clusterRole.new()
                  + clusterRole.mixin.metadata.withName(name)
                  + clusterRole.mixin.metadata.withLabels(labels)
                  + clusterRole.withRules([
                    rule.new() + rule.withApiGroups(['']) + rule.withResources(util.toArray(params.resources))
                    + rule.withVerbs(['get', 'list', 'watch']),
                    rule.new() + rule.withApiGroups(['apps', 'extensions']) + rule.withResources(['deployments'])
                    + rule.withVerbs(util.toArray(params.verbs)),
                  ]),

    clusterRoleBinding:: binding.new()
                         + binding.mixin.metadata.withName(name)
                         + binding.mixin.metadata.withLabels(labels)
                         + binding.mixin.roleRef.withApiGroup('rbac.authorization.k8s.io')
                         + binding.mixin.roleRef.withKind('ClusterRole')
                         + binding.mixin.roleRef.withName(name)
                         + binding.withSubjects([
                           subject.new() + subject.withKind('ServiceAccount') + subject.withName(name)
                           + subject.withNamespace(namespace),
                         ]),

    configMap:: configMap.new(name + '-config', {
                  'app.properties': util.properties(params.config),
                  hosts: std.join(',', hosts),
                  args: std.join(' ', args),
                })
                + configMap.mixin.metadata.withNamespace(namespace)
                + configMap.mixin.metadata.withLabels(labels),

    local main = container.new(name, params.image + ':' + params.tag)
                 .withArgs(args)
                 .withPorts([containerPort.newNamed(params.port, 'http'),
                             containerPort.newNamed(params.port + 1, 'metrics')])
                 .withEnv(util.envList(params.env) + [envVar.fromFieldPath('POD_NAMESPACE', 'metadata.namespace')])
                 .withVolumeMounts([volumeMount.new('config', '/etc/' + name, true)])
                 + container.mixin.resources.withRequests({ cpu: params.cpu, memory: params.memory })
                 + container.mixin.resources.withLimits(std.prune({
                   cpu: util.nullable(params.cpuLimit),
                   memory: params.memory,
                 }))
                 + container.mixin.readinessProbe.httpGet.withPath('/healthz').withPort(params.port)
                 + container.mixin.readinessProbe.withInitialDelaySeconds(5),

    deployment:: deployment.new(name, params.replicas, main, labels)
                 + deployment.mixin.metadata.withNamespace(namespace)
                 + deployment.mixin.metadata.withLabels(labels)
                 + deployment.mixin.metadata.withAnnotations(std.prune({
                   'bench/owner': params.team,
                   'bench/hosts': if std.length(hosts) > 0 then std.join(',', hosts) else null,
                   'bench/cpu-limit': util.nullable(params.cpuLimit),
                 }))
                 + deployment.mixin.spec.template.spec.withServiceAccountName(name)
                 + deployment.mixin.spec.template.spec.withNodeSelector(util.getOr(params, 'nodeSelector', {}))
                 + deployment.mixin.spec.template.spec.withVolumes([
                   volume.fromConfigMap('config', name + '-config', [{ key: 'app.properties', path: 'app.properties' }]),
                 ]),

    service:: service.new(name, labels, [servicePort.newNamed('http', 80, params.port)])
              + service.mixin.metadata.withLabels(labels)
              + service.mixin.metadata.withNamespace(namespace)
              + service.mixin.metadata.withAnnotations({
                'getambassador.io/config': util.ambassadorRoute(name, '/' + name + '/', name, 80, namespace),
              })
              + service.mixin.spec.withType(params.serviceType),

    all:: [self.serviceAccount, self.configMap, self.deployment, self.service]
          + (if util.toBool(params.rbac) then [self.clusterRole, self.clusterRoleBinding] else []),

    list(items):: k.core.v1.list.new(items),
  },
}
