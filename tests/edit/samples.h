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

// Most jsonnet syntax in one file (unique values, so tests can find them by text).
inline const std::string kTricky =
    "local a = { b: 1 }, f(x, y=2) = x + y;\n"
    "/* block */ # hash\n"
    "{\n"
    "  'q': @'v''x', \"r\"+: { s:: [1, 2][0:1], t: a.b in super },\n"
    "  u: |||\n"
    "    text ||| with \"quotes\"\n"
    "  |||,\n"
    "  [std.toString(3)]: if true then -1 else !false,\n"
    "  m(x):: function(y) x(y=1) tailstrict,\n"
    "  local l = 1,\n"
    "  assert l == 1 : 'msg',\n"
    "  c: [x * 2 for x in [1, 2] if x > 1],\n"
    "  d: { [k]: v for k in ['a'] for v in [1] },\n"
    "  e: error 'no' + $.q,\n"
    "  g: import 'x.libsonnet', h: importstr \"y\",\n"
    "  j: assert true; self.q[::2] {} + super.q,\n"
    "}\n";

}  // namespace edit_samples
