#pragma once
// Imported libraries pasted into a group program as top-level locals. libjsonnet parses and
// desugars std.jsonnet again for every file it imports (~15 ms a file, per evaluation, so per
// render thread; a ksonnet-lib style component imports five), while a library pasted into the
// program costs only its own parse.
//
// A library is pasted only where moving it cannot change what it means: a .jsonnet, .libsonnet or
// .json file that mentions no importstr/importbin or std.thisFile (their paths are the file's
// own), no extVar or native (the program's std answers those for components), no `__ks_` name
// (ks's own locals; ksonnet-lib's `__ksonnet::` field is fine),
// and whose own imports are all pasted too (so no import is left resolving against the wrong
// folder). Libraries in an import cycle are not pasted. Everything else stays an ordinary import.
// Errors are not mapped back into pasted libraries: on any evaluation error the caller evaluates
// the program without them and reports that error (render.cpp).
#include <string>
#include <vector>

#include "render/importer.h"

namespace ks::render {

struct InlinedImports {
  std::vector<std::string> texts;          // the given texts, pasted imports → `__ks_lN`
  std::vector<std::string> libraries;      // the text bound to __ks_l0, __ks_l1, ...
  std::vector<std::string> library_paths;  // where each came from
};

// `texts` are jsonnet evaluated with `base` (absolute) as their folder. Every lookup goes through
// importer.resolve with `log`, so the render cache records what the import callback would have.
// The replacement keeps every line's length where it can (`import "k.libsonnet"` → `__ks_l0`
// padded with spaces), so positions in the texts stay as they were.
InlinedImports inline_imports(const std::vector<std::string>& texts, const std::string& base,
                              Importer& importer, ImportLog* log);

}  // namespace ks::render
