#include "render/inline_imports.h"

#include <filesystem>
#include <map>
#include <optional>

#include "base/error.h"
#include "base/strings.h"
#include "edit/lexer.h"
#include "render/dialect.h"

namespace ks::render {

namespace {

struct ImportSite {
  std::size_t begin = 0;  // the `import` keyword
  std::size_t end = 0;    // just after the path string
  std::string rel;        // empty: not a plain string literal
};

struct Scanned {
  std::vector<ImportSite> imports;
  bool movable = true;  // nothing whose meaning depends on the file's place or std
};

std::optional<Scanned> scan(const std::string& text) {
  std::vector<edit::Token> tokens;
  try {
    tokens = edit::lex(text, "");
  } catch (const Error&) {
    return std::nullopt;
  }
  Scanned out;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const edit::Token& t = tokens[i];
    std::string_view s = t.text(text);
    if (t.kind == edit::TokenKind::Identifier &&
        (s == "thisFile" || s == "extVar" || s == "native" || s == "importbin" ||
         s.substr(0, 5) == "__ks_"))
      out.movable = false;
    if (t.kind != edit::TokenKind::Keyword) continue;
    if (s == "importstr") out.movable = false;
    if (s != "import") continue;
    std::size_t j = i + 1;
    while (j < tokens.size() && tokens[j].is_trivia()) ++j;
    ImportSite site{t.begin, t.end, ""};
    if (j < tokens.size() && tokens[j].kind == edit::TokenKind::String &&
        tokens[j].text(text).substr(0, 3) != "|||") {
      site.end = tokens[j].end;
      site.rel = edit::string_value(text, tokens[j]);
    }
    out.imports.push_back(site);
  }
  return out;
}

// `__ks_lN`, padded to the import's length with spaces (newlines kept, so lines do not move).
std::string replacement(int n, std::string_view original) {
  std::string name = "__ks_l" + std::to_string(n);
  std::string out = name;
  for (std::size_t i = name.size(); i < original.size(); ++i)
    out += original[i] == '\n' ? '\n' : ' ';
  for (std::size_t i = 0; i < std::min(name.size(), original.size()); ++i)
    if (original[i] == '\n') out += '\n';
  return out;
}

class Inliner {
 public:
  Inliner(Importer& importer, ImportLog* log) : importer_(importer), log_(log) {}

  // The text with every pasteable import replaced; when `all_or_nothing`, nullopt unless every
  // import was (a library whose import stayed would resolve against the program's folder).
  std::optional<std::string> rewrite(const std::string& text, const std::string& dir,
                                     const std::vector<ImportSite>& sites, bool all_or_nothing) {
    std::string out = text;
    for (auto site = sites.rbegin(); site != sites.rend(); ++site) {
      int n = site->rel.empty() ? -1 : library_for(dir, site->rel);
      if (n < 0) {
        if (all_or_nothing) return std::nullopt;
        continue;
      }
      out.replace(
          site->begin, site->end - site->begin,
          replacement(n, std::string_view(text).substr(site->begin, site->end - site->begin)));
    }
    return out;
  }

  InlinedImports result;

 private:
  static constexpr int kInProgress = -2;
  static constexpr int kNotPasted = -1;

  int library_for(const std::string& dir, const std::string& rel) {
    auto found = importer_.resolve(dir, rel, log_);
    if (!found || !found->content) return kNotPasted;
    auto known = index_.find(found->path);
    if (known != index_.end()) return known->second == kInProgress ? kNotPasted : known->second;
    index_[found->path] = kInProgress;
    int n = paste(found->path, *found->content);
    index_[found->path] = n;
    return n;
  }

  int paste(const std::string& path, const std::string& content) {
    bool is_json = str::ends_with(path, ".json");
    if (!is_json && !str::ends_with(path, ".jsonnet") && !str::ends_with(path, ".libsonnet"))
      return kNotPasted;
    if (importer_.config().virtual_files.count(path)) return kNotPasted;  // ks's generated code
    // As the import callback serves it (vm.cpp), less the std prelude the program already has.
    std::string text = is_json ? content : rewrite_go_jsonnet_dialect(content);
    auto scanned = scan(text);
    if (!scanned || !scanned->movable) return kNotPasted;
    std::string dir = std::filesystem::path(path).parent_path().string();
    auto rewritten = rewrite(text, dir, scanned->imports, true);
    if (!rewritten) return kNotPasted;
    result.libraries.push_back(std::move(*rewritten));
    result.library_paths.push_back(path);
    return static_cast<int>(result.libraries.size()) - 1;
  }

  Importer& importer_;
  ImportLog* log_;
  std::map<std::string, int> index_;  // resolved path → library number, or kNotPasted
};

}  // namespace

InlinedImports inline_imports(const std::vector<std::string>& texts, const std::string& base,
                              Importer& importer, ImportLog* log) {
  Inliner inliner(importer, log);
  for (const std::string& text : texts) {
    auto scanned = scan(text);
    std::optional<std::string> rewritten;
    if (scanned) rewritten = inliner.rewrite(text, base, scanned->imports, false);
    inliner.result.texts.push_back(rewritten ? *rewritten : text);
  }
  return std::move(inliner.result);
}

}  // namespace ks::render
