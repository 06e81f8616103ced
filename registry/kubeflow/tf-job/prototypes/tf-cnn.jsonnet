// @apiVersion 0.1
// @name io.ksonnet.pkg.tf-cnn
// @description A TFJob running the TensorFlow CNN benchmarks
//   (tf_cnn_benchmarks.py). By default one CPU worker and no parameter
//   servers; with num_gpus > 0 the workers use image_gpu and each gets
//   num_gpus NVIDIA GPUs (nvidia.com/gpu limit).
// @shortDescription Run the TensorFlow CNN benchmarking job.
// @param name string Name of the job.
// @optionalParam namespace string null Namespace of the job; null means the environment's namespace.
// @optionalParam num_gpus number 0 The number of GPUs to attach to each worker.
// @optionalParam num_workers number 1 The number of workers.
// @optionalParam num_ps number 0 The number of parameter servers.
// @optionalParam batch_size number 32 The batch size per device.
// @optionalParam model string resnet50 Which model to benchmark (e.g. resnet50, inception3, vgg16).
// @optionalParam image string gcr.io/kubeflow/tf-benchmarks-cpu:v20171202-bdab599-dirty-284af3 The docker image to use for the job.
// @optionalParam image_gpu string gcr.io/kubeflow/tf-benchmarks-gpu:v20171202-bdab599-dirty-284af3 The docker image to use when using GPUs.

local tfJob = import 'kubeflow/tf-job/tf-job.libsonnet';
local util = tfJob.util;

local name = util.checkName(import 'param://name', 'name', true);
local namespaceParam = import 'param://namespace';
// A null namespace param falls back to the environment's namespace.
local namespace = util.checkName(
  if namespaceParam == 'null' || namespaceParam == null then util.orDefault(env.namespace, 'default') else namespaceParam,
  'namespace'
);
// Numbers: `ks param set --env=gke cnn num_gpus 1` stores the number 1.
local numGpus = util.toCount(import 'param://num_gpus', 'num_gpus');
local numWorkers = util.toCount(import 'param://num_workers', 'num_workers');
local numPs = util.toCount(import 'param://num_ps', 'num_ps');
local batchSize = util.toCount(import 'param://batch_size', 'batch_size');
local model = import 'param://model';
local image = import 'param://image';
local imageGpu = import 'param://image_gpu';

local benchmarkDir = '/opt/tf-benchmarks/scripts/tf_cnn_benchmarks';

local args = [
  'python',
  'tf_cnn_benchmarks.py',
  '--batch_size=' + batchSize,
  '--model=' + model,
  '--variable_update=parameter_server',
  '--flush_stdout=true',
] + (
  if numGpus > 0 then ['--num_gpus=' + numGpus]
  // The benchmark needs a device count even on CPU; no op is placed on a GPU
  // with these flags.
  else ['--num_gpus=1', '--local_parameter_device=cpu', '--device=cpu', '--data_format=NHWC']
);

local worker =
  if numGpus > 0 then tfJob.container(imageGpu, args, numGpus, benchmarkDir)
  else tfJob.container(image, args, 0, benchmarkDir);

local job =
  if numWorkers < 1 then error 'param num_workers: must be >= 1, got ' + numWorkers
  else tfJob.tfJob(name, namespace, {
    Worker: tfJob.replicaSpec(numWorkers, worker),
    [if numPs > 0 then 'PS']: tfJob.replicaSpec(numPs, tfJob.container(image, args, 0, benchmarkDir)),
  });

tfJob.list([job])
