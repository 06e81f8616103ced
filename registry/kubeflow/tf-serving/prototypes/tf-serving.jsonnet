// @apiVersion 0.1
// @name io.ksonnet.pkg.tf-serving
// @description TensorFlow Serving for one model: a Deployment running
//   tensorflow_model_server (gRPC port 9000, REST port 8500) and a Service of
//   the same name. The model is loaded from model_path (a directory holding
//   numbered SavedModel versions; gs:// and s3:// paths work when the pod has
//   credentials, see gcp_credential_secret).
// @shortDescription A TensorFlow Serving deployment and service.
// @param name string Name of the Deployment and Service.
// @param model_path string Base path of the model (e.g. gs://kubeflow-models/inception).
// @optionalParam namespace string null Namespace; null means the environment's namespace.
// @optionalParam model_name string null Name the model is served under; null means the component name.
// @optionalParam replicas number 1 Number of serving pods.
// @optionalParam num_gpus number 0 Number of GPUs per pod; > 0 switches to image_gpu.
// @optionalParam image string tensorflow/serving:2.14.1 The model server image.
// @optionalParam image_gpu string tensorflow/serving:2.14.1-gpu The model server image used with GPUs.
// @optionalParam service_type string ClusterIP Type of the Service: ClusterIP, NodePort or LoadBalancer.
// @optionalParam gcp_credential_secret string null Secret with a GCP service-account key.json to mount; null for none.

local tfServing = import 'kubeflow/tf-serving/tf-serving.libsonnet';
local util = tfServing.util;

local name = util.checkName(import 'param://name', 'name', true);
local namespaceParam = import 'param://namespace';
// A null namespace param falls back to the environment's namespace.
local namespace = util.checkName(
  if namespaceParam == 'null' || namespaceParam == null then util.orDefault(env.namespace, 'default') else namespaceParam,
  'namespace'
);
local modelPath = import 'param://model_path';
local credentialSecret = util.orDefault(import 'param://gcp_credential_secret', null);

tfServing.list(tfServing.parts({
  name: name,
  namespace: namespace,
  modelName: util.orDefault(import 'param://model_name', name),
  modelPath:
    if util.isUnset(modelPath) then error 'param model_path: required (e.g. gs://kubeflow-models/inception)'
    else modelPath,
  replicas: util.toCount(import 'param://replicas', 'replicas'),
  numGpus: util.toCount(import 'param://num_gpus', 'num_gpus'),
  image: import 'param://image',
  imageGpu: import 'param://image_gpu',
  serviceType: util.oneOf(import 'param://service_type', ['ClusterIP', 'NodePort', 'LoadBalancer'], 'service_type'),
  gcpCredentialSecret: credentialSecret,
}))
