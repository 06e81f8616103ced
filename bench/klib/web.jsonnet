// One ksonnet-lib style component: a Deployment (apps/v1beta1) and its Service.
local k = import 'k.libsonnet';
local deployment = k.apps.v1beta1.deployment;
local container = deployment.mixin.spec.template.spec.containersType;
local service = k.core.v1.service;
local labels = { app: 'web' };

local web = container.new('web', 'nginx:1.15')
  .withPorts(container.portsType.newNamed(80, 'http'))
  .withVolumeMounts(k.core.v1.volumeMount.new('data', '/data'))
  + container.mixin.resources.withLimits({ memory: '128Mi' });

[
  deployment.new('web', 2, web, labels)
  + deployment.mixin.metadata.withLabels(labels)
  + deployment.mixin.spec.template.spec.withVolumes(k.core.v1.volume.fromEmptyDir('data')),
  service.new('web', labels, k.core.v1.servicePort.newNamed('http', 80, 'http')),
]
