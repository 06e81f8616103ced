#include "base/error.h"
#include "cli/context.h"
#include "render/render.h"

namespace ks::cli {

void add_version_commands(CLI::App& root, Context& ctx) {
  root.set_version_flag("--version", std::string("ks version ") + KS_VERSION);
  auto* version =
      root.add_subcommand("version", "Print the versions of ks and its jsonnet library");
  describe(version, "  ks version");
  version->callback([&ctx] {
    ctx.out << "ks version: " << KS_VERSION << "\n"
            << "jsonnet version: " << render::jsonnet_version() << "\n";
  });
}

}  // namespace ks::cli
