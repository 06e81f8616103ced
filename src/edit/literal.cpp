// Formatting JSON values as jsonnet source.
#include "base/error.h"
#include "edit/edit.h"
#include "edit/lexer.h"

namespace ks::edit {
namespace {

std::string quote(const std::string& s) {
  return nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

std::string format_key(const std::string& key, bool always_quote) {
  if (!always_quote && is_bare_identifier(key)) return key;
  return quote(key);
}

std::string to_jsonnet_literal(const nlohmann::json& value) {
  if (value.is_string()) return quote(value.get<std::string>());
  if (value.is_array()) {
    std::string out = "[";
    for (std::size_t i = 0; i < value.size(); ++i) {
      if (i) out += ", ";
      out += to_jsonnet_literal(value[i]);
    }
    return out + "]";
  }
  if (value.is_object()) {
    std::string out = "{";
    bool first = true;
    for (const auto& [k, v] : value.items()) {
      if (!first) out += ", ";
      first = false;
      out += format_key(k) + ": " + to_jsonnet_literal(v);
    }
    return out + "}";
  }
  if (value.is_discarded()) throw Error("internal error: cannot format a discarded JSON value");
  return value.dump();  // numbers, booleans, null
}

std::string to_jsonnet_block(const nlohmann::json& value) {
  if (!value.is_object() || value.empty()) return to_jsonnet_literal(value);
  std::string out = "{\n";
  for (const auto& [k, v] : value.items()) {
    out += "  " + format_key(k) + ": " + to_jsonnet_literal(v) + ",\n";
  }
  return out + "}";
}

}  // namespace ks::edit
