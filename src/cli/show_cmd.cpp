#include "cli/context.h"
#include "cli/render_flags.h"
#include "ops/show.h"

namespace ks::cli {

void add_show_command(CLI::App& root, Context& ctx) {
  auto* cmd = root.add_subcommand(
      "show", "Render an environment's objects as YAML or JSON (no cluster needed)");
  describe(cmd, "  ks show gke\n  ks show gke -c cnn -o json");
  auto flags = std::make_shared<RenderFlags>();
  auto format = std::make_shared<std::string>("yaml");
  add_render_flags(cmd, *flags);
  cmd->add_option("-o,--output,--format", *format, "yaml or json")
      ->check(CLI::IsMember({"yaml", "json"}));
  cmd->callback([&ctx, flags, format] {
    ops::ShowOptions o{flags->request(),
                       *format == "json" ? ops::ObjectFormat::Json : ops::ObjectFormat::Yaml};
    auto shown = ops::show(ctx.start_dir(), o);
    if (ctx.verbosity > 0) ctx.err << "ks: " << shown.render_note << "\n";
    ctx.out << shown.text;
  });
}

}  // namespace ks::cli
