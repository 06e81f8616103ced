#pragma once
// ksonnet's native functions, reached as std.native("NAME"): parseJson, parseYaml,
// escapeStringRegex, regexMatch, regexSubst.
struct JsonnetVm;

namespace ks::render {

void register_natives(JsonnetVm* vm);

}  // namespace ks::render
