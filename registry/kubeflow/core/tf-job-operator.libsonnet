// The TFJob custom resource (kubeflow.org/v1) and the operator that runs it
// (Kubeflow's training-operator restricted to TFJobs).
//
// Objects: CustomResourceDefinition tfjobs.kubeflow.org, ServiceAccount,
// ClusterRole, ClusterRoleBinding and Deployment, all named tf-job-operator.
{
  operatorName:: 'tf-job-operator',

  // Structural schema: the replica map is typed, pod templates are kept as-is.
  local preserve = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
  local replicaSpec = {
    type: 'object',
    properties: {
      replicas: { type: 'integer', minimum: 0 },
      restartPolicy: { type: 'string', enum: ['Always', 'OnFailure', 'Never', 'ExitCode'] },
      template: preserve,
    },
  },

  crd(c):: {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'tfjobs.kubeflow.org', labels: c.labels { app: 'tf-job-operator' } },
    spec: {
      group: 'kubeflow.org',
      scope: 'Namespaced',
      names: {
        kind: 'TFJob',
        listKind: 'TFJobList',
        plural: 'tfjobs',
        singular: 'tfjob',
        categories: ['kubeflow'],
      },
      versions: [{
        name: 'v1',
        served: true,
        storage: true,
        subresources: { status: {} },
        additionalPrinterColumns: [
          { name: 'State', type: 'string', jsonPath: '.status.conditions[-1:].type' },
          { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
        ],
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              apiVersion: { type: 'string' },
              kind: { type: 'string' },
              metadata: { type: 'object' },
              spec: preserve {
                properties: {
                  tfReplicaSpecs: {
                    type: 'object',
                    additionalProperties: replicaSpec,
                  },
                  runPolicy: preserve,
                  successPolicy: { type: 'string' },
                  enableDynamicWorker: { type: 'boolean' },
                },
              },
              status: preserve,
            },
          },
        },
      }],
    },
  },

  parts(c)::
    local op = self;
    local name = op.operatorName;
    local labels = c.labels { app: name };
    local selector = { app: name };
    local podEnv(envName, path) = { name: envName, valueFrom: { fieldRef: { fieldPath: path } } };

    local serviceAccount = {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: name, namespace: c.namespace, labels: labels },
    };

    local clusterRole = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: name, labels: labels },
      rules: [
        {
          apiGroups: ['kubeflow.org'],
          resources: ['tfjobs', 'tfjobs/status', 'tfjobs/finalizers'],
          verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'],
        },
        {
          apiGroups: [''],
          resources: ['pods', 'services', 'configmaps', 'serviceaccounts'],
          verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'],
        },
        {
          apiGroups: [''],
          resources: ['events'],
          verbs: ['get', 'list', 'watch', 'create', 'patch'],
        },
        {
          apiGroups: ['coordination.k8s.io'],
          resources: ['leases'],
          verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'],
        },
      ],
    };

    local clusterRoleBinding = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: name, labels: labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: name },
      subjects: [{ kind: 'ServiceAccount', name: name, namespace: c.namespace }],
    };

    local deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: name, namespace: c.namespace, labels: labels },
      spec: {
        replicas: 1,
        selector: { matchLabels: selector },
        template: {
          metadata: { labels: labels },
          spec: {
            serviceAccountName: name,
            containers: [{
              name: name,
              image: c.tfJobImage,
              args: ['--enable-scheme=tfjob'],
              env: [
                podEnv('MY_POD_NAMESPACE', 'metadata.namespace'),
                podEnv('MY_POD_NAME', 'metadata.name'),
              ],
              ports: [
                { name: 'metrics', containerPort: 8080, protocol: 'TCP' },
                { name: 'healthz', containerPort: 8081, protocol: 'TCP' },
              ],
              livenessProbe: {
                httpGet: { path: '/healthz', port: 'healthz' },
                initialDelaySeconds: 15,
                periodSeconds: 20,
              },
              readinessProbe: {
                httpGet: { path: '/readyz', port: 'healthz' },
                initialDelaySeconds: 10,
                periodSeconds: 15,
              },
              resources: { requests: { cpu: '100m', memory: '128Mi' } },
              securityContext: { allowPrivilegeEscalation: false },
            }],
          },
        },
      },
    };

    [op.crd(c), serviceAccount, clusterRole, clusterRoleBinding, deployment],
}
