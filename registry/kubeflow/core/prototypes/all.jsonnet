// @apiVersion 0.1
// @name io.ksonnet.pkg.kubeflow-core
// @description Kubeflow core components: JupyterHub (a notebook hub that
//   starts one notebook pod per user) and the TFJob custom resource
//   (kubeflow.org/v1) with the operator that runs TensorFlow jobs.
// @shortDescription Kubeflow core components: JupyterHub and the TFJob operator.
// @param name string Name of the deployment; recorded in the app.kubernetes.io/instance label.
// @optionalParam namespace string null Namespace for the components; null means the environment's namespace.
// @optionalParam cloud string null Cloud to customize the deployment for (e.g. gke, aws, minikube).
// @optionalParam disks string null Comma-separated Google persistent disks to mount at /mnt/DISK in notebooks (GKE).
// @optionalParam tfJobImage string kubeflow/training-operator:v1.7.0 Image of the TFJob operator.
// @optionalParam jupyterHubImage string quay.io/jupyterhub/k8s-hub:3.3.7 Image of JupyterHub (with KubeSpawner).
// @optionalParam jupyterHubProxyImage string quay.io/jupyterhub/configurable-http-proxy:4.6.1 Image of the JupyterHub proxy.
// @optionalParam jupyterNotebookImage string quay.io/jupyter/tensorflow-notebook:latest Image of the per-user notebook servers.
// @optionalParam jupyterHubServiceType string ClusterIP Type of the tf-hub-lb Service: ClusterIP, NodePort or LoadBalancer.
// @optionalParam jupyterHubAuthenticator string null JupyterHub authenticator class; null accepts any login.
// @optionalParam jupyterNotebookPVCMount string null Mount path of a per-user 10Gi volume (e.g. /home/jovyan); null disables it.

local core = import 'kubeflow/core/all.libsonnet';

// A null namespace param falls back to the environment's namespace.
local namespace = if params.namespace == 'null' || params.namespace == null then env.namespace else params.namespace;

core.list(params { namespace: namespace }, env)
