#pragma once
// The files ks edits, exactly as ksonnet/ks write them at init.
#include <string>

namespace edit_samples {

inline const std::string kComponentParams =
    "{\n"
    "  global: {\n"
    "    // User-defined global parameters; accessible to all component and environments, Ex:\n"
    "    // replicas: 4,\n"
    "  },\n"
    "  components: {\n"
    "    // Component-level parameters, defined initially from 'ks prototype use ...'\n"
    "    // Each object below should correspond to a component in the components/ directory\n"
    "  },\n"
    "}\n";

inline const std::string kEnvParams =
    "local params = std.extVar('__ksonnet/params');\n"
    "local globals = import 'globals.libsonnet';\n"
    "local envParams = params + {\n"
    "  components+: {\n"
    "  },\n"
    "};\n"
    "\n"
    "{\n"
    "  components: {\n"
    "    [x]: envParams.components[x] + globals\n"
    "    for x in std.objectFields(envParams.components)\n"
    "  },\n"
    "}\n";

inline const std::string kEnvGlobals = "{\n}";

}  // namespace edit_samples
