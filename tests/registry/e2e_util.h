#pragma once
// Shared helpers of the registry end-to-end tests.
#include <gtest/gtest.h>

#include <string>

#include "git_fixture.h"
#include "ks_test.h"

namespace ks_test::registry {

inline void expect_ok(const ks_test::Run& r, const std::string& what) {
  EXPECT_EQ(r.code, 0) << what << "\nstdout: " << r.out << "\nstderr: " << r.err;
}

// A failed command: non-zero exit, one `error: ...` line containing `needle`.
inline void expect_one_line_error(const ks_test::Run& r, const std::string& needle) {
  EXPECT_NE(r.code, 0) << r.out;
  EXPECT_EQ(r.err.rfind("error: ", 0), 0u) << r.err;
  EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << "not one line: " << r.err;
  EXPECT_NE(r.err.find(needle), std::string::npos) << r.err;
}

// A new app at sandbox/NAME with a default env that needs no cluster.
inline stdfs::path new_app(const Sandbox& sb, const std::string& name) {
  ks_test::Run r = sb.ks({"init", name, "--server", "https://k8s.example:443"});
  EXPECT_EQ(r.code, 0) << r.err;
  return sb.root() / name;
}

// A registry folder `reg` with one package `demo` (parts.yaml, a prototype, a library).
inline void write_demo_registry(const stdfs::path& reg, const std::string& library_value = "web") {
  write(reg / "registry.yaml",
        "apiVersion: 0.2.0\nkind: ksonnet.io/registry\nversion: \"\"\nlibraries:\n  demo:\n    "
        "path: demo\n    version: master\n");
  write(reg / "demo" / "parts.yaml",
        "name: demo\napiVersion: 0.0.1\nkind: ksonnet.io/parts\ndescription: A demo package.\n");
  write(reg / "demo" / "demo.libsonnet", "{ label: '" + library_value + "' }\n");
  write(reg / "demo" / "prototypes" / "demo.jsonnet",
        "// @apiVersion 0.1\n// @name io.ksonnet.pkg.demo\n// @shortDescription A demo ConfigMap.\n"
        "// @param name string Name of the ConfigMap.\n// @optionalParam size number 2 A number.\n"
        "local lib = import 'local/demo/demo.libsonnet';\n"
        "{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: import 'param://name' },\n"
        "  data: { label: lib.label, double: std.toString((import 'param://size') * 2) } }\n");
}

inline std::string file_url(const stdfs::path& p) {
  return "file://" + p.string();
}

}  // namespace ks_test::registry
