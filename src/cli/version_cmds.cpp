#include <nlohmann/json.hpp>

#include "base/error.h"
#include "cli/build_info.h"
#include "cli/context.h"
#include "cli/output.h"
#include "ops/version.h"

namespace ks::cli {

void add_version_commands(CLI::App& root, Context& ctx) {
  root.set_version_flag("--version", std::string("ks version ") + KS_VERSION);
  auto* version =
      root.add_subcommand("version", "Print the versions of ks and its jsonnet library");
  describe(version, "  ks version\n  ks version -o json");
  auto format = std::make_shared<std::string>();
  add_output_flag(version, *format, {"text", "json", "yaml"});
  version->callback([&ctx, format] {
    // The schema is documented in docs/output.md.
    nlohmann::json info = {{"apiVersion", "ks.io/v1"},
                           {"kind", "Version"},
                           {"version", KS_VERSION},
                           {"commit", build_commit()},
                           {"jsonnetVersion", ops::jsonnet_version()}};
    if (*format == "text")
      ctx.out << "ks version: " << KS_VERSION << "\n"
              << "git commit: " << build_commit() << "\n"
              << "jsonnet version: " << ops::jsonnet_version() << "\n";
    else
      print_listing(ctx, *format, info, {}, {});
  });
}

}  // namespace ks::cli
