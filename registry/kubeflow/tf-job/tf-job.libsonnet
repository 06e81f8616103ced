// Building blocks for TFJob (kubeflow.org/v1) objects. The TFJob CRD and its
// operator come from the kubeflow/core package.
local util = import 'util.libsonnet';

{
  util:: util,

  // The operator finds the TensorFlow process by this container name.
  containerName:: 'tensorflow',

  container(image, args=[], numGpus=0, workingDir=null)::
    local base = {
      name: $.containerName,
      image: image,
      ports: [{ name: 'tfjob-port', containerPort: 2222, protocol: 'TCP' }],
    };
    base
    + (if std.length(args) > 0 then { args: args } else {})
    + (if workingDir != null then { workingDir: workingDir } else {})
    + (if numGpus > 0 then { resources: { limits: { 'nvidia.com/gpu': numGpus } } } else {}),

  replicaSpec(replicas, container, labels={}):: {
    replicas: replicas,
    restartPolicy: 'OnFailure',
    template: {
      metadata: { labels: labels },
      spec: { containers: [container] },
    },
  },

  // replicaSpecs: {Chief|PS|Worker|Evaluator: replicaSpec}; replica types
  // with zero replicas should be left out.
  tfJob(name, namespace, replicaSpecs, labels={}):: {
    apiVersion: 'kubeflow.org/v1',
    kind: 'TFJob',
    metadata: {
      name: name,
      namespace: namespace,
      labels: { app: name, 'app.kubernetes.io/part-of': 'kubeflow' } + labels,
    },
    spec: {
      runPolicy: { cleanPodPolicy: 'Running' },
      tfReplicaSpecs: replicaSpecs,
    },
  },

  // A v1 List holding the given objects (the component value).
  list(items):: { apiVersion: 'v1', kind: 'List', items: items },
}
