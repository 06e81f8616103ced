// @apiVersion 0.1
// @name io.ksonnet.pkg.tf-job
// @description A TensorFlow job (training or evaluation) run by the TFJob
//   operator of kubeflow/core: chief, parameter-server and worker replicas of
//   one image; with num_gpus > 0 the chief and workers use image_gpu and get
//   num_gpus NVIDIA GPUs each.
// @shortDescription A TensorFlow job (TFJob).
// @param name string Name of the job.
// @optionalParam namespace string null Namespace of the job; null means the environment's namespace.
// @optionalParam args string null Comma-separated arguments passed to the TensorFlow container.
// @optionalParam image string tensorflow/tensorflow:2.14.0 The docker image to use for the job.
// @optionalParam image_gpu string tensorflow/tensorflow:2.14.0-gpu The docker image to use when using GPUs.
// @optionalParam num_masters number 1 The number of chief (master) replicas: 0 or 1.
// @optionalParam num_ps number 0 The number of parameter servers.
// @optionalParam num_workers number 0 The number of workers.
// @optionalParam num_gpus number 0 The number of GPUs to attach to the chief and each worker.

local tfJob = import 'kubeflow/tf-job/tf-job.libsonnet';
local util = tfJob.util;

local name = util.checkName(import 'param://name', 'name', true);
local namespaceParam = import 'param://namespace';
// A null namespace param falls back to the environment's namespace.
local namespace = util.checkName(
  if namespaceParam == 'null' || namespaceParam == null then util.orDefault(env.namespace, 'default') else namespaceParam, 'namespace'
);
local args = util.splitList(import 'param://args');
local image = import 'param://image';
local imageGpu = import 'param://image_gpu';
local numMasters = util.toCount(import 'param://num_masters', 'num_masters');
local numPs = util.toCount(import 'param://num_ps', 'num_ps');
local numWorkers = util.toCount(import 'param://num_workers', 'num_workers');
local numGpus = util.toCount(import 'param://num_gpus', 'num_gpus');

local computeContainer =
  if numGpus > 0 then tfJob.container(imageGpu, args, numGpus) else tfJob.container(image, args);

local replicaSpecs = {
  [if numMasters > 0 then 'Chief']: tfJob.replicaSpec(numMasters, computeContainer),
  [if numPs > 0 then 'PS']: tfJob.replicaSpec(numPs, tfJob.container(image, args)),
  [if numWorkers > 0 then 'Worker']: tfJob.replicaSpec(numWorkers, computeContainer),
};

local job =
  if numMasters > 1 then error 'param num_masters: a TFJob has at most 1 chief, got ' + numMasters
  else if numMasters + numWorkers == 0 then error 'params num_masters and num_workers: at least one must be > 0'
  else tfJob.tfJob(name, namespace, replicaSpecs);

tfJob.list([job])
