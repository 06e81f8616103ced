// TensorFlow Serving: a Deployment running tensorflow_model_server for one
// model and a Service in front of it (gRPC on 9000, REST on 8500).
local util = import 'util.libsonnet';

{
  util:: util,

  grpcPort:: 9000,
  restPort:: 8500,
  credentialsDir:: '/secret/gcp-credentials',

  // c: {name, namespace, modelName, modelPath, replicas, numGpus, image,
  //     imageGpu, serviceType, gcpCredentialSecret (or null)}
  parts(c)::
    local s = self;
    local labels = { app: c.name, 'app.kubernetes.io/part-of': 'kubeflow' };
    local selector = { app: c.name };
    local credentials = c.gcpCredentialSecret != null;

    local service = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: c.name, namespace: c.namespace, labels: labels },
      spec: {
        type: c.serviceType,
        selector: selector,
        ports: [
          { name: 'grpc-tf-serving', port: s.grpcPort, targetPort: 'grpc', protocol: 'TCP' },
          { name: 'http-tf-serving', port: s.restPort, targetPort: 'http', protocol: 'TCP' },
        ],
      },
    };

    local container = {
      name: 'tf-serving',
      image: if c.numGpus > 0 then c.imageGpu else c.image,
      command: ['/usr/bin/tensorflow_model_server'],
      args: [
        '--port=' + s.grpcPort,
        '--rest_api_port=' + s.restPort,
        '--model_name=' + c.modelName,
        '--model_base_path=' + c.modelPath,
      ],
      ports: [
        { name: 'grpc', containerPort: s.grpcPort, protocol: 'TCP' },
        { name: 'http', containerPort: s.restPort, protocol: 'TCP' },
      ],
      readinessProbe: {
        tcpSocket: { port: 'grpc' },
        initialDelaySeconds: 5,
        periodSeconds: 10,
      },
      resources: {
        requests: { cpu: '1', memory: '1Gi' },
        limits: { cpu: '4', memory: '4Gi' }
                + (if c.numGpus > 0 then { 'nvidia.com/gpu': c.numGpus } else {}),
      },
    } + (if credentials then {
           env: [{ name: 'GOOGLE_APPLICATION_CREDENTIALS', value: s.credentialsDir + '/key.json' }],
           volumeMounts: [{ name: 'gcp-credentials', mountPath: s.credentialsDir, readOnly: true }],
         } else {});

    local deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: c.name, namespace: c.namespace, labels: labels },
      spec: {
        replicas: c.replicas,
        selector: { matchLabels: selector },
        template: {
          metadata: { labels: labels },
          spec: { containers: [container] }
                + (if credentials then {
                     volumes: [{ name: 'gcp-credentials', secret: { secretName: c.gcpCredentialSecret } }],
                   } else {}),
        },
      },
    };

    [service, deployment],

  list(items):: { apiVersion: 'v1', kind: 'List', items: items },
}
