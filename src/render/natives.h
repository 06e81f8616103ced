#pragma once
// ksonnet's native functions: parseJson, parseYaml, escapeStringRegex, regexMatch, regexSubst.
// They are registered as "ks.NAME": libjsonnet 0.18 resolves std.native("parseJson") and
// std.native("parseYaml") to its own builtins first (whose YAML parser aborts on multi-document
// input), so generated code maps ksonnet's names to ks's (see program.cpp).
struct JsonnetVm;

namespace ks::render {

void register_natives(JsonnetVm* vm);

}  // namespace ks::render
