#include "base/error.h"
#include "cli/context.h"
#include "render/render.h"

namespace ks::cli {

void add_version_commands(CLI::App& root, Context& ctx) {
  root.set_version_flag("--version", std::string("ks version ") + KS_VERSION);
  auto* version = root.add_subcommand("version", "Print the versions of ks and its jsonnet library");
  describe(version, "  ks version");
  version->callback([&ctx] {
    ctx.out << "ks version: " << KS_VERSION << "\n"
            << "jsonnet version: " << render::jsonnet_version() << "\n";
  });
  auto* help = root.add_subcommand("help", "Help about any command");
  describe(help, "  ks help\n  ks help env");
  help->allow_extras();
  help->callback([&root, help, &ctx] {
    auto rest = help->remaining();
    CLI::App* target = &root;
    for (const auto& name : rest) {
      CLI::App* sub = nullptr;
      try {
        sub = target->get_subcommand(name);
      } catch (const CLI::OptionNotFound&) {
      }
      if (!sub) throw Error("unknown command '" + name + "'; run `ks help` for the list of commands");
      target = sub;
    }
    ctx.out << target->help();
  });
}

}  // namespace ks::cli
