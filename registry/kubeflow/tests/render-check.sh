#!/usr/bin/env bash
# Quick check of the kubeflow registry without ks: expands every prototype the
# way `ks generate` does (header defaults -> params, `import 'param://X'` ->
# params.X, `import 'env://X'` -> env.X, the two `local env/params` lines
# prepended) and evaluates it the way `ks show` does (ext code
# __ksonnet/environments and __ksonnet/params, packages vendored as
# vendor/kubeflow/<pkg>), then validates the objects (tests/check.libsonnet)
# and case-specific expectations.
#
# Usage: tests/render-check.sh   (jsonnet from $JSONNET or PATH; -v prints output)
set -euo pipefail

registry=$(cd "$(dirname "$0")/.." && pwd)
jsonnet_bin=${JSONNET:-$(command -v jsonnet || true)}
[[ -x "$jsonnet_bin" ]] || { echo "error: no jsonnet binary (set JSONNET or PATH)" >&2; exit 2; }
verbose=0
[[ "${1:-}" == "-v" ]] && verbose=1

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/vendor/kubeflow" "$tmp/components"
for pkg in core tf-job tf-serving; do
  ln -s "$registry/$pkg" "$tmp/vendor/kubeflow/$pkg"
done

# Params object text that `ks generate` would write for PROTOTYPE's header:
# optional params with their defaults (number/array/object bare, string quoted).
header_defaults() {
  awk '
    /^[[:space:]]*\/\/[[:space:]]+@optionalParam[[:space:]]/ {
      sub(/^[[:space:]]*\/\/[[:space:]]+@optionalParam[[:space:]]+/, "")
      split($0, f, /[[:space:]]+/)
      if (f[2] == "string") v = "\"" f[3] "\""; else v = f[3]
      printf "%s: %s, ", f[1], v
    }' "$1"
}

# The component file `ks generate` would write for PROTOTYPE named COMPONENT.
expand() {
  local prototype=$1 component=$2
  printf 'local env = std.extVar("__ksonnet/environments");\n'
  printf 'local params = std.extVar("__ksonnet/params").components["%s"];\n' "$component"
  grep -v -E '^[[:space:]]*//[[:space:]]+@' "$prototype" |
    sed -E "s#import[[:space:]]*['\"]param://([A-Za-z0-9_]+)['\"]#params.\\1#g; s#import[[:space:]]*['\"]env://([A-Za-z0-9_]+)['\"]#env.\\1#g"
}

failures=0
# check CASE PROTOTYPE COMPONENT OVERRIDES EXPECT [ENV_NAMESPACE]
#   OVERRIDES: jsonnet object added to the header defaults (required params, `ks param set` values)
#   EXPECT: jsonnet boolean over `objs` (the validated objects), or `!text` when
#           evaluation must fail with an error containing text.
check() {
  local case=$1 prototype=$registry/$2 component=$3 overrides=$4 expect=$5 env_ns=${6:-default}
  local file=$tmp/components/$component.jsonnet
  expand "$prototype" "$component" >"$file"
  local defaults params
  defaults=$(header_defaults "$prototype")
  params="{components: {\"$component\": {$defaults} + $overrides}}"
  local env="{namespace: \"$env_ns\", server: \"https://127.0.0.1:6443\"}"
  local wrapper
  if [[ "$expect" == !* ]]; then
    wrapper="import '$file'"
  else
    wrapper="local check = import '$registry/tests/check.libsonnet';
local objs = check.validate(import '$file');
if ($expect) then {count: std.length(objs), objects: objs}
else error 'expectation failed: see the EXPECT expression of this case'"
  fi
  local out
  if out=$("$jsonnet_bin" -J "$tmp/vendor" --ext-code "__ksonnet/environments=$env" \
      --ext-code "__ksonnet/params=$params" -e "$wrapper" 2>&1); then
    if [[ "$expect" == !* ]]; then
      echo "FAIL $case: evaluation succeeded, expected an error containing '${expect#!}'"
      failures=$((failures + 1)); return
    fi
    echo "ok   $case ($(sed -n 's/^   "count": \([0-9]*\),$/\1/p' <<<"$out") objects)"
    if [[ $verbose == 1 ]]; then echo "$out"; fi
  else
    if [[ "$expect" == !* && "$out" == *"${expect#!}"* ]]; then
      echo "ok   $case (fails as expected: ${expect#!})"
    else
      echo "FAIL $case"; echo "$out" | sed 's/^/     /'
      [[ "$expect" == !* ]] || echo "$expect" | sed 's/^/     expected:/'
      failures=$((failures + 1))
    fi
  fi
}

# Prototype headers must parse the way ks parses them: known directives, known
# param types, defaults without spaces (a default is one word), one @name.
lint_header() {
  local prototype=$registry/$1 problems
  problems=$(awk '
    /^[[:space:]]*\/\/[[:space:]]+@/ {
      line = $0; sub(/^[[:space:]]*\/\/[[:space:]]+/, "", line)
      n = split(line, f, /[[:space:]]+/)
      d = f[1]
      if (d == "@name") names++
      else if (d == "@param" || d == "@optionalParam") {
        if (f[3] !~ /^(string|number|numberOrString|object|array)$/) print FILENAME ": bad type " f[3] " for " f[2]
        if (d == "@optionalParam" && n < 5) print FILENAME ": " f[2] " needs a default and a description"
        if (d == "@param" && n < 4) print FILENAME ": " f[2] " needs a description"
      } else if (d !~ /^@(apiVersion|description|shortDescription)$/) print FILENAME ": unknown directive " d
    }
    END { if (names != 1) print FILENAME ": needs exactly one @name" }' "$prototype")
  if [[ -n "$problems" ]]; then
    echo "FAIL header $1"; echo "$problems" | sed 's/^/     /'; failures=$((failures + 1))
  else
    echo "ok   header $1"
  fi
}
for p in core/prototypes/all.jsonnet tf-job/prototypes/tf-job.jsonnet tf-job/prototypes/tf-cnn.jsonnet \
         tf-serving/prototypes/tf-serving.jsonnet; do
  lint_header "$p"
done

# The validator itself must catch broken objects.
# check_validator CASE OBJECTS EXPECTED_PROBLEM
check_validator() {
  local case=$1 objects=$2 expected=$3 out
  if out=$("$jsonnet_bin" -e "(import '$registry/tests/check.libsonnet').validate($objects)" 2>&1); then
    echo "FAIL $case: validator accepted broken objects"; failures=$((failures + 1))
  elif [[ "$out" == *"$expected"* ]]; then
    echo "ok   $case (rejected: $expected)"
  else
    echo "FAIL $case: wrong problem reported"; echo "$out" | sed 's/^/     /'; failures=$((failures + 1))
  fi
}
pod='{metadata: {labels: {app: "a"}}, spec: {containers: [{name: "c", image: "i"}]}}'
meta='name: "a", namespace: "default", labels: {app: "a"}'
check_validator validator-selector "[{apiVersion: 'apps/v1', kind: 'Deployment', metadata: {$meta},
  spec: {selector: {matchLabels: {app: 'b'}}, template: $pod}}]" 'selector does not match template labels'
check_validator validator-namespace "{apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'a', labels: {app: 'a'}}}" \
  'namespaced object without a valid metadata.namespace'
check_validator validator-service "{apiVersion: 'v1', kind: 'List', items: [{apiVersion: 'v1', kind: 'Service', metadata: {$meta},
  spec: {selector: {app: 'zzz'}, ports: [{port: 80}]}}]}" 'selector matches no pod template'
check_validator validator-crd-name "[{apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition',
  metadata: {name: 'tfjobs', labels: {app: 'a'}}, spec: {group: 'kubeflow.org', names: {plural: 'tfjobs'},
  versions: [{name: 'v1', served: true, storage: true, schema: {openAPIV3Schema: {type: 'object'}}}]}}]" \
  'name must be <plural>.<group>'
check_validator validator-name "[{apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'A_b', namespace: 'default', labels: {app: 'a'}}}]" \
  'not a DNS-1123 subdomain'
check_validator validator-shape "'just a string'" 'component must evaluate to an object'

core=core/prototypes/all.jsonnet
tfjob=tf-job/prototypes/tf-job.jsonnet
cnn=tf-job/prototypes/tf-cnn.jsonnet
serving=tf-serving/prototypes/tf-serving.jsonnet

# kubeflow-core
check core-defaults $core kubeflow-core '{name: "kubeflow-core"}' '
  local by(kind, name) = [o for o in objs if o.kind == kind && o.metadata.name == name];
  std.length(objs) == 12
  && std.length(by("CustomResourceDefinition", "tfjobs.kubeflow.org")) == 1
  && by("CustomResourceDefinition", "tfjobs.kubeflow.org")[0].spec.names.kind == "TFJob"
  && by("CustomResourceDefinition", "tfjobs.kubeflow.org")[0].spec.scope == "Namespaced"
  && by("Service", "tf-hub-lb")[0].spec.type == "ClusterIP"
  && std.length(by("StatefulSet", "tf-hub")) == 1
  && std.length(by("Deployment", "tf-job-operator")) == 1
  && std.length([o for o in objs if std.objectHas(o.metadata, "namespace") && o.metadata.namespace != "default"]) == 0'
check core-loadbalancer-namespace $core kubeflow-core \
  '{name: "kf", namespace: "kubeflow", jupyterHubServiceType: "LoadBalancer", cloud: "gke", disks: "pd-a,pd-b"}' '
  local lb = [o for o in objs if o.metadata.name == "tf-hub-lb"][0];
  local cfg = [o for o in objs if o.kind == "ConfigMap"][0].data["jupyterhub_config.py"];
  lb.spec.type == "LoadBalancer"
  && std.length([o for o in objs if std.objectHas(o.metadata, "namespace") && o.metadata.namespace != "kubeflow"]) == 0
  && std.length(std.findSubstr("\"pdName\": \"pd-b\"", cfg)) == 1
  && std.length(std.findSubstr("tf-hub-0.kubeflow:8081", cfg)) == 1
  && [o for o in objs if o.kind == "ClusterRoleBinding"][0].subjects[0].namespace == "kubeflow"'
check tf-cnn-env-namespace $cnn cnn '{name: "cnn"}' 'objs[0].metadata.namespace == "team-a"' team-a
check core-env-namespace-null-literal $core kubeflow-core '{name: "kf", namespace: null}' \
  'std.length([o for o in objs if std.objectHas(o.metadata, "namespace") && o.metadata.namespace != "default"]) == 0'
check core-pvc $core kubeflow-core '{name: "kf", jupyterNotebookPVCMount: "/home/jovyan"}' '
  local cfg = [o for o in objs if o.kind == "ConfigMap"][0].data["jupyterhub_config.py"];
  std.length(std.findSubstr("storage_pvc_ensure = True", cfg)) == 1'
check core-bad-service-type $core kubeflow-core '{name: "kf", jupyterHubServiceType: "External"}' '!jupyterHubServiceType'
check core-bad-name $core kubeflow-core '{name: "Kubeflow_Core"}' '!is not a valid Kubernetes name'

# tf-job
check tf-job-defaults $tfjob tf-job '{name: "tf-job"}' '
  local s = objs[0].spec.tfReplicaSpecs;
  std.objectFields(s) == ["Chief"] && s.Chief.replicas == 1
  && s.Chief.template.spec.containers[0].image == "tensorflow/tensorflow:2.14.0"
  && !std.objectHas(s.Chief.template.spec.containers[0], "args")'
check tf-job-distributed-gpu $tfjob tf-job \
  '{name: "dist", num_masters: 0, num_ps: 2, num_workers: 3, num_gpus: 2, args: "python,/train.py,--steps=10"}' '
  local s = objs[0].spec.tfReplicaSpecs;
  std.objectFields(s) == ["PS", "Worker"] && s.Worker.replicas == 3 && s.PS.replicas == 2
  && s.Worker.template.spec.containers[0].image == "tensorflow/tensorflow:2.14.0-gpu"
  && s.Worker.template.spec.containers[0].resources.limits["nvidia.com/gpu"] == 2
  && s.PS.template.spec.containers[0].image == "tensorflow/tensorflow:2.14.0"
  && !std.objectHas(s.PS.template.spec.containers[0], "resources")
  && s.Worker.template.spec.containers[0].args == ["python", "/train.py", "--steps=10"]'
check tf-job-no-replicas $tfjob tf-job '{name: "j", num_masters: 0}' '!at least one must be > 0'

# tf-cnn: CPU by default, GPUs once num_gpus (a number, as `ks param set` stores it) is > 0
check tf-cnn-defaults $cnn cnn '{name: "cnn"}' '
  local s = objs[0].spec.tfReplicaSpecs;
  local w = s.Worker.template.spec.containers[0];
  std.length(objs) == 1 && objs[0].kind == "TFJob" && objs[0].metadata.namespace == "default"
  && std.objectFields(s) == ["Worker"] && s.Worker.replicas == 1
  && std.length(std.findSubstr("cpu", w.image)) > 0
  && !std.objectHas(w, "resources")
  && std.length([a for a in w.args if a == "--device=cpu"]) == 1
  && std.length([a for a in w.args if a == "--model=resnet50"]) == 1
  && std.length([a for a in w.args if a == "--batch_size=32"]) == 1'
check tf-cnn-gpu $cnn cnn '{name: "cnn", num_gpus: 1}' '
  local w = objs[0].spec.tfReplicaSpecs.Worker.template.spec.containers[0];
  w.image == "gcr.io/kubeflow/tf-benchmarks-gpu:v20171202-bdab599-dirty-284af3"
  && w.resources.limits["nvidia.com/gpu"] == 1
  && std.length([a for a in w.args if a == "--num_gpus=1"]) == 1
  && std.length([a for a in w.args if a == "--device=cpu"]) == 0'
check tf-cnn-gpu-as-string $cnn cnn '{name: "cnn", num_gpus: "2", num_ps: 1, num_workers: 2}' '
  local s = objs[0].spec.tfReplicaSpecs;
  s.Worker.template.spec.containers[0].resources.limits["nvidia.com/gpu"] == 2
  && s.Worker.replicas == 2 && s.PS.replicas == 1
  && !std.objectHas(s.PS.template.spec.containers[0], "resources")'
check tf-cnn-zero-workers $cnn cnn '{name: "cnn", num_workers: 0}' '!num_workers'
check tf-cnn-bad-gpus $cnn cnn '{name: "cnn", num_gpus: "many"}' '!not a non-negative integer'

# tf-serving
check tf-serving-inception $serving inception \
  '{name: "inception", namespace: "default", model_path: "gs://kubeflow-models/inception"}' '
  local d = [o for o in objs if o.kind == "Deployment"][0];
  local c = d.spec.template.spec.containers[0];
  std.length(objs) == 2 && d.spec.replicas == 1
  && std.length([a for a in c.args if a == "--model_name=inception"]) == 1
  && std.length([a for a in c.args if a == "--model_base_path=gs://kubeflow-models/inception"]) == 1
  && c.image == "tensorflow/serving:2.14.1" && !std.objectHas(c.resources.limits, "nvidia.com/gpu")'
check tf-serving-gpu-model-name $serving serving \
  '{name: "serving", model_path: "/models/m", model_name: "mnist", num_gpus: 1, replicas: 3, gcp_credential_secret: "user-gcp-sa"}' '
  local d = [o for o in objs if o.kind == "Deployment"][0];
  local c = d.spec.template.spec.containers[0];
  d.spec.replicas == 3 && c.image == "tensorflow/serving:2.14.1-gpu"
  && c.resources.limits["nvidia.com/gpu"] == 1
  && std.length([a for a in c.args if a == "--model_name=mnist"]) == 1
  && d.spec.template.spec.volumes[0].secret.secretName == "user-gcp-sa"'
check tf-serving-missing-model-path $serving serving '{name: "serving", model_path: ""}' '!model_path'

if [[ $failures -gt 0 ]]; then
  echo "$failures case(s) failed"
  exit 1
fi
echo "all cases passed"
