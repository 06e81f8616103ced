#include "klib/constructors.h"

#include "base/strings.h"

namespace ks::klib {

namespace {

struct Constructor {
  const char* type;                // lowerCamel type name
  bool kind;                       // applies to kinds (true) or to helper types (false)
  std::vector<std::string> paths;  // dotted field paths that must exist
  const char* text;
};

// The signatures are ksonnet-lib's (ksonnet.beta.3), so components written for it keep working.
const std::vector<Constructor>& table() {
  static const std::vector<Constructor> t = {
      {"deployment",
       true,
       {"metadata.name", "spec.replicas", "spec.template.spec.containers",
        "spec.template.metadata.labels"},
       "new(name, replicas, containers, podLabels={app: name}):: kind"
       " + self.mixin.metadata.withName(name) + self.mixin.spec.withReplicas(replicas)"
       " + self.mixin.spec.template.spec.withContainers(containers)"
       " + self.mixin.spec.template.metadata.withLabels(podLabels)"},
      {"statefulSet",
       true,
       {"metadata.name", "spec.replicas", "spec.template.spec.containers",
        "spec.template.metadata.labels", "spec.volumeClaimTemplates"},
       "new(name, replicas, containers, volumeClaims, podLabels={app: name}):: kind"
       " + self.mixin.metadata.withName(name) + self.mixin.spec.withReplicas(replicas)"
       " + self.mixin.spec.template.spec.withContainers(containers)"
       " + self.mixin.spec.withVolumeClaimTemplates(volumeClaims)"
       " + self.mixin.spec.template.metadata.withLabels(podLabels)"},
      {"service",
       true,
       {"metadata.name", "spec.selector", "spec.ports"},
       "new(name, selector, ports):: kind + self.mixin.metadata.withName(name)"
       " + self.mixin.spec.withSelector(selector) + self.mixin.spec.withPorts(ports)"},
      {"configMap",
       true,
       {"metadata.name", "data"},
       "new(name, data):: kind + self.mixin.metadata.withName(name) + self.withData(data)"},
      {"secret",
       true,
       {"metadata.name", "data", "type"},
       "new(name, data, type='Opaque'):: kind + self.mixin.metadata.withName(name)"
       " + self.withData(data) + self.withType(type)"},
      {"namespace",
       true,
       {"metadata.name"},
       "new(name):: kind + self.mixin.metadata.withName(name)"},
      {"serviceAccount",
       true,
       {"metadata.name"},
       "new(name):: kind + self.mixin.metadata.withName(name)"},
      {"container",
       false,
       {"name", "image"},
       "new(name, image):: self.withName(name) + self.withImage(image)"},
      {"containerPort",
       false,
       {"containerPort"},
       "new(containerPort):: self.withContainerPort(containerPort)"},
      {"containerPort",
       false,
       {"containerPort", "name"},
       "newNamed(containerPort, name):: self.withContainerPort(containerPort) + "
       "self.withName(name)"},
      {"envVar",
       false,
       {"name", "value"},
       "new(name, value):: self.withName(name) + self.withValue(value)"},
      {"envVar",
       false,
       {"name", "valueFrom.secretKeyRef.name", "valueFrom.secretKeyRef.key"},
       "fromSecretRef(name, secretRefName, secretKey):: self.withName(name)"
       " + self.mixin.valueFrom.secretKeyRef.withName(secretRefName)"
       " + self.mixin.valueFrom.secretKeyRef.withKey(secretKey)"},
      {"envVar",
       false,
       {"name", "valueFrom.fieldRef.fieldPath"},
       "fromFieldPath(name, fieldPath):: self.withName(name)"
       " + self.mixin.valueFrom.fieldRef.withFieldPath(fieldPath)"},
      {"keyToPath",
       false,
       {"key", "path"},
       "new(key, path):: self.withKey(key) + self.withPath(path)"},
      {"servicePort",
       false,
       {"port", "targetPort"},
       "new(port, targetPort):: self.withPort(port) + self.withTargetPort(targetPort)"},
      {"servicePort",
       false,
       {"name", "port", "targetPort"},
       "newNamed(name, port, targetPort):: self.withName(name) + self.withPort(port)"
       " + self.withTargetPort(targetPort)"},
      {"volume",
       false,
       {"name", "configMap.name", "configMap.items"},
       "fromConfigMap(name, configMapName, configMapItems):: self.withName(name)"
       " + self.mixin.configMap.withName(configMapName) + "
       "self.mixin.configMap.withItems(configMapItems)"},
      {"volume",
       false,
       {"name", "emptyDir"},
       "fromEmptyDir(name, emptyDir={}):: self.withName(name) + self.withEmptyDir(emptyDir)"},
      {"volume",
       false,
       {"name", "persistentVolumeClaim.claimName"},
       "fromPersistentVolumeClaim(name, claimName):: self.withName(name)"
       " + self.mixin.persistentVolumeClaim.withClaimName(claimName)"},
      {"volume",
       false,
       {"name", "hostPath.path"},
       "fromHostPath(name, hostPath):: self.withName(name) + "
       "self.mixin.hostPath.withPath(hostPath)"},
      {"volume",
       false,
       {"name", "secret.secretName"},
       "fromSecret(name, secretName):: self.withName(name) + "
       "self.mixin.secret.withSecretName(secretName)"},
      {"volumeMount",
       false,
       {"name", "mountPath", "readOnly"},
       "new(name, mountPath, readOnly=false):: self.withName(name) + self.withMountPath(mountPath)"
       " + self.withReadOnly(readOnly)"},
  };
  return t;
}

bool has_path(const Model& model, const Type& type, const std::string& path) {
  const Type* t = &type;
  auto parts = str::split(path, '.');
  for (size_t i = 0; i < parts.size(); ++i) {
    const Field* found = nullptr;
    for (const auto& f : t->fields)
      if (f.name == parts[i]) found = &f;
    if (!found) return false;
    if (i + 1 == parts.size()) return true;
    if (found->kind != FieldKind::Object) return false;
    t = model.find(found->type_id);
    if (!t) return false;
  }
  return false;
}

}  // namespace

std::vector<std::string> constructors_for(const Model& model, const Type& type) {
  std::vector<std::string> out;
  for (const auto& c : table()) {
    if (type.name != c.type || c.kind != !type.kind.empty()) continue;
    bool ok = true;
    for (const auto& p : c.paths) ok = ok && has_path(model, type, p);
    if (ok) out.push_back(std::string(c.text) + ",\n");
  }
  return out;
}

}  // namespace ks::klib
