#include "cli/context.h"
#include "cli/render_flags.h"
#include "render/output.h"
#include "render/render.h"

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
    auto app = app::App::load(ctx.start_dir());
    require_intact_packages(app);
    auto result = render::render_env(app, app.resolve_env_name(flags->env), flags->options());
    ctx.out << (*format == "json" ? render::to_json_list(result.objects)
                                  : render::to_yaml_stream(result.objects));
  });
}

}  // namespace ks::cli
