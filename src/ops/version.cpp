#include "ops/version.h"

#include "render/render.h"

namespace ks::ops {

std::string jsonnet_version() {
  return render::jsonnet_version();
}

}  // namespace ks::ops
