#pragma once
// ks show: an env's objects, rendered without a cluster.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ops/render_env.h"

namespace ks::ops {

enum class ObjectFormat { Yaml, Json };

struct ShowOptions {
  EnvRequest target;
  ObjectFormat format = ObjectFormat::Yaml;
};

struct ShowResult {
  std::string env;
  std::vector<nlohmann::json> objects;
  std::string text;         // the objects as a YAML stream or a JSON v1 List
  std::string render_note;  // describe_render's line, for -v
};

// `dir`: the app root or a folder inside it. Throws ks::Error for a drifted vendored package
// (nothing is rendered), an unknown env or a render error.
ShowResult show(const std::string& dir, const ShowOptions& options);

}  // namespace ks::ops
