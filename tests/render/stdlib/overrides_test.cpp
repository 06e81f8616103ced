// The std overrides are installed only for the libjsonnet versions they were verified against:
// any other version evaluates with the stock std (no natives, no prelude), so a libjsonnet whose
// std changed its results or messages cannot make ks differ from it.
#include <gtest/gtest.h>

#include "render/importer.h"
#include "render/stdlib/native.h"
#include "render/stdlib/overrides.h"
#include "render/vm.h"
#include "stock_compare.h"

namespace {

using ks::render::stdlib::Native;
using ks::render::stdlib::overrides_for;
using ks::render::stdlib::served_count;
using ks::render::stdlib::verified_for;

TEST(StdlibOverrides, EnabledOnlyForVerifiedVersions) {
  EXPECT_TRUE(verified_for("v0.18.0"));
  for (const char* other : {"v0.99.0", "v0.18.1", "v0.17.0", "0.18.0", "", "v0.18.0-dirty"})
    EXPECT_FALSE(verified_for(other)) << other;

  auto verified = overrides_for("v0.18.0");
  EXPECT_TRUE(verified.enabled);
  EXPECT_EQ(verified.prelude.rfind("local __ks_s = std; local std = __ks_s { sort(", 0), 0u);
  EXPECT_EQ(verified.prelude.find('\n'), std::string::npos);  // line numbers stay the user's
  EXPECT_NE(verified.fields.find("manifestYamlStream("), std::string::npos);

  auto unknown = overrides_for("v0.99.0");
  EXPECT_FALSE(unknown.enabled);
  EXPECT_EQ(unknown.prelude, "");
  EXPECT_EQ(unknown.fields, "");
}

TEST(StdlibOverrides, LinkedVersionDecides) {
  EXPECT_EQ(ks::render::stdlib::linked_overrides().enabled, verified_for(::jsonnet_version()));
}

// An imported .libsonnet gets the prelude (so its std.sort is the native) only from a VM with
// enabled overrides; with an unknown version the natives are not even registered.
TEST(StdlibOverrides, UnknownVersionEvaluatesWithStockStd) {
  ks::render::ImportConfig cfg;
  cfg.virtual_files["/virtual/lib.libsonnet"] = "std.sort([3, 1, 2])";
  ks::render::Importer importer(cfg);
  const std::string code = "import '/virtual/lib.libsonnet'";

  auto unknown = overrides_for("v0.99.0");
  ks::render::Vm stock_vm(importer, unknown);
  std::uint64_t before = served_count(Native::Sort);
  EXPECT_EQ(ks_test::eval_or_error(stock_vm, code), "[\n   1,\n   2,\n   3\n]\n");
  EXPECT_EQ(served_count(Native::Sort), before);
  std::string unregistered = ks_test::eval_or_error(stock_vm, "std.native('ks.sort')('[2, 1]')");
  EXPECT_EQ(unregistered.rfind("ERROR: ", 0), 0u) << unregistered;

  auto verified = overrides_for("v0.18.0");
  ks::render::Vm fast_vm(importer, verified);
  EXPECT_EQ(ks_test::eval_or_error(fast_vm, code), "[\n   1,\n   2,\n   3\n]\n");
  EXPECT_EQ(served_count(Native::Sort), before + 1);
}

}  // namespace
