#include "app/templates.h"

namespace ks::app::templates {

std::string gitignore() {
  // Unlike ksonnet, lib/ is kept in git: a fresh clone must render without the network.
  return "/.ksonnet/registries\n/.ksonnet/tmp\n/.ksonnet/lock\n/.ksonnet/journal\n/"
         "app.override.yaml\n/.ks_environment\n";
}

std::string component_params() {
  return R"({
  global: {
    // User-defined global parameters; accessible to all component and environments, Ex:
    // replicas: 4,
  },
  components: {
    // Component-level parameters, defined initially from 'ks prototype use ...'
    // Each object below should correspond to a component in the components/ directory
  },
}
)";
}

std::string base_libsonnet() {
  return R"(local components = std.extVar("__ksonnet/components");
components + {
  // Insert user-specified overrides here.
}
)";
}

std::string env_main() {
  return R"(local base = import "base.libsonnet";
// uncomment if you reference ksonnet-lib
// local k = import "k.libsonnet";

base + {
  // Insert user-specified overrides here. For example if a component is named "nginx-deployment", you might have something like:
  // "nginx-deployment"+: { metadata+: { labels+: { foo: "bar" } } },
}
)";
}

std::string env_params() {
  return R"(local params = std.extVar('__ksonnet/params');
local globals = import 'globals.libsonnet';
local envParams = params + {
  components+: {
  },
};

{
  components: {
    [x]: envParams.components[x] + globals
    for x in std.objectFields(envParams.components)
  },
}
)";
}

std::string env_globals() {
  return "{\n}";
}

std::string k_libsonnet() {
  return R"(// A minimal ksonnet-lib compatible library, installed by `ks init`.
// It covers what registry prototypes commonly import from k.libsonnet; generate the full
// library for your cluster with `ks lib generate` when it is available.
{
  core:: {
    v1:: {
      list:: {
        new(items):: { apiVersion: 'v1', kind: 'List' } + self.items(items),
        items(items):: if std.type(items) == 'array' then { items+: items } else { items+: [items] },
      },
    },
  },
}
)";
}

void stage_env_files(Transaction& txn, const Layout& layout, const std::string& env_path) {
  stdfs::path dir = layout.env_dir(env_path);
  txn.write(dir / "main.jsonnet", env_main());
  txn.write(dir / "params.libsonnet", env_params());
  txn.write(dir / "globals.libsonnet", env_globals());
}

}  // namespace ks::app::templates
