#pragma once
// Names a shell completes (`ks __complete`): envs, components, contexts, ...
#include <string>
#include <vector>

namespace ks::ops {

enum class NameKind {
  KubeContext,  // from the kubeconfig ($KUBECONFIG or ~/.kube/config), no app needed
  Env,
  Component,
  Module,
  Prototype,  // without the io.ksonnet.pkg. prefix
  Registry,
  Package,  // REG/PKG of every registry
  InstalledPackage
};

// Throws ks::Error when the kind needs an app and `dir` is in none.
std::vector<std::string> names(const std::string& dir, NameKind kind);

}  // namespace ks::ops
