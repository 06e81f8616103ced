#include "ops/show.h"

#include "render/output.h"

namespace ks::ops {

ShowResult show(const std::string& dir, const ShowOptions& options) {
  auto app = app::App::load(dir);
  RenderedEnv rendered = render_checked(app, options.target);
  ShowResult out{rendered.env, std::move(rendered.objects), "",
                 describe_render(rendered, options.target.render.cache.enabled)};
  out.text = options.format == ObjectFormat::Json ? render::to_json_list(out.objects)
                                                  : render::to_yaml_stream(out.objects);
  return out;
}

}  // namespace ks::ops
