#pragma once
// Turns libjsonnet's error text into ks's one-line-first format, with positions inside
// generated code mapped back to the user's files.
#include <string>
#include <vector>

namespace ks::render {

// A stretch of generated code that is a verbatim copy of a user file.
struct PastedFile {
  std::string file;  // path shown to the user
  int first_line;    // line of the generated code holding the file's line 1
  int line_count;
};

struct SourceMap {
  std::string generated_name;  // the filename the generated code was evaluated under
  std::vector<PastedFile> files;
};

// `prefix_root`: absolute paths under it are shown relative to it.
std::string format_jsonnet_error(const std::string& text, const std::vector<SourceMap>& maps,
                                 const std::string& prefix_root);

}  // namespace ks::render
