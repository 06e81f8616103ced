#include "prototypes/system/system.h"

namespace ks::prototypes::system {

const char* const kCustomResource = R"(// @apiVersion 0.1
// @name io.ksonnet.pkg.custom-resource
// @description An object of a custom resource type (one defined by a
//   CustomResourceDefinition), e.g. --apiVersion=kubeflow.org/v1 --kind=TFJob.
//   The CRD must exist on the cluster before the object is applied.
// @shortDescription An object of a CRD-backed custom resource type
// @param name string Name of the object.
// @param apiVersion string API group and version of the custom resource (group/version).
// @param kind string Kind of the custom resource.
// @optionalParam spec object {} The object's spec.
{
  "apiVersion": import 'param://apiVersion',
  "kind": import 'param://kind',
  "metadata": {
    "name": import 'param://name'
  },
  "spec": import 'param://spec'
}
)";

}  // namespace ks::prototypes::system
