#include "render/render_cache.h"

#include <cctype>
#include <set>

#include "base/sha256.h"

namespace ks::render {

namespace {

using nlohmann::json;

const std::string kMissing = "-";

bool ident_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

void skip_space(const std::string& s, std::size_t& i) {
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
}

// A jsonnet string literal at `i` without escapes ('...' or "..."); its text, and `i` past it.
std::optional<std::string> plain_literal(const std::string& s, std::size_t& i) {
  if (i >= s.size() || (s[i] != '"' && s[i] != '\'')) return std::nullopt;
  char quote = s[i];
  std::size_t end = s.find(quote, i + 1);
  if (end == std::string::npos) return std::nullopt;
  std::string text = s.substr(i + 1, end - i - 1);
  if (text.find('\\') != std::string::npos || text.find('\n') != std::string::npos)
    return std::nullopt;
  i = end + 1;
  return text;
}

bool skip_token(const std::string& s, std::size_t& i, const std::string& token) {
  skip_space(s, i);
  if (s.compare(i, token.size(), token) != 0) return false;
  i += token.size();
  return true;
}

// After `extVar("__ksonnet/params")`: `.components.NAME` or `.components["NAME"]`, NAME whole.
bool own_params_access(const std::string& s, std::size_t i, const std::string& name) {
  if (!skip_token(s, i, ".") || !skip_token(s, i, "components")) return false;
  if (i < s.size() && ident_char(s[i])) return false;
  skip_space(s, i);
  if (skip_token(s, i, ".")) {
    skip_space(s, i);
    if (s.compare(i, name.size(), name) != 0) return false;
    i += name.size();
    return i >= s.size() || !ident_char(s[i]);
  }
  if (!skip_token(s, i, "[")) return false;
  skip_space(s, i);
  auto lit = plain_literal(s, i);
  return lit && *lit == name && skip_token(s, i, "]");
}

}  // namespace

bool cacheable_source(const std::string& text) {
  return text.find("thisFile") == std::string::npos && text.find("__ks_") == std::string::npos;
}

bool reads_only_own_params(const std::string& text, const std::string& local_name) {
  // Every extVar call must be `extVar("literal")`, and a literal __ksonnet/params must be
  // followed by the component's own entry.
  std::size_t uses = 0;
  for (std::size_t at = text.find("extVar"); at != std::string::npos;
       at = text.find("extVar", at + 1)) {
    std::size_t i = at + 6;
    if (!skip_token(text, i, "(")) return false;
    skip_space(text, i);
    auto name = plain_literal(text, i);
    if (!name || !skip_token(text, i, ")")) return false;
    if (*name == "__ksonnet/params") {
      if (!own_params_access(text, i, local_name)) return false;
      ++uses;
    }
  }
  // Any other mention (a computed name, std["extVar"]) counts as reading all params.
  std::size_t mentions = 0;
  for (std::size_t at = text.find("__ksonnet/params"); at != std::string::npos;
       at = text.find("__ksonnet/params", at + 1))
    ++mentions;
  return mentions == uses && text.find("std[") == std::string::npos &&
         text.find("Var\"") == std::string::npos && text.find("Var'") == std::string::npos;
}

RenderCache::RenderCache(const CacheOptions& options, Importer& importer, std::string context)
    : store_(options.dir, options.max_bytes), importer_(importer), context_(std::move(context)) {}

std::string RenderCache::key(const std::string& component, const std::string& text,
                             const std::string& params_json) const {
  sha256::Hasher h;
  auto field = [&](const std::string& s) {
    h.update(std::to_string(s.size()));
    h.update(":");
    h.update(s);
  };
  field(context_);
  field(component);
  field(text);
  field(params_json);
  return sha256::hex(h.finish());
}

std::string RenderCache::digest_of(const std::string* content) {
  if (!content) return kMissing;
  auto it = digests_.find(content);
  if (it != digests_.end()) return it->second;
  std::string d = sha256::hex(sha256::digest(*content));
  digests_.emplace(content, d);
  return d;
}

std::string RenderCache::file_digest(const std::string& path) {
  return digest_of(importer_.probe(path));
}

std::optional<json> RenderCache::lookup(const std::string& key) {
  auto payload = store_.get(key);
  if (!payload) return std::nullopt;
  json entry = json::parse(*payload, nullptr, false);
  if (entry.is_discarded() || !entry.is_object() || !entry.contains("deps") ||
      !entry["deps"].is_array() || !entry.contains("value"))
    return std::nullopt;
  for (const auto& dep : entry["deps"]) {
    if (!dep.is_array() || dep.size() != 2 || !dep[0].is_string() || !dep[1].is_string())
      return std::nullopt;
    if (file_digest(dep[0].get<std::string>()) != dep[1].get<std::string>()) return std::nullopt;
  }
  return std::move(entry["value"]);
}

void RenderCache::store(const std::string& key, const ImportLog& log, const json& value) {
  std::set<std::string> seen;
  json deps = json::array();
  for (const auto& probe : log) {
    if (!seen.insert(probe.path).second) continue;
    deps.push_back({probe.path, digest_of(probe.content)});
  }
  store_.put(key, json{{"deps", std::move(deps)}, {"value", value}}.dump());
}

}  // namespace ks::render
