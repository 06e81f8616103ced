#pragma once
// YAML <-> JSON. Reading follows what kubectl's YAML reader accepts (YAML 1.1 scalars:
// yes/no/on/off are bools); writing is block style with sorted keys and lists at their parent's
// indentation, and quotes every string that would read back as another type ("0", "true", "null",
// "1e3", "~").
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace ks::yaml {

// Parses one YAML document (the first of a stream). Aliases are copied under a budget and merge
// keys resolved (yaml_reader.h); a cycle or an alias bomb is an error naming `source`. `source`
// names the input in error messages (file path).
nlohmann::json parse(const std::string& text, const std::string& source);
// Parses a stream of `---`-separated documents; empty documents are skipped.
std::vector<nlohmann::json> parse_all(const std::string& text, const std::string& source);

// How a plain (unquoted, untagged) scalar reads: YAML 1.1 nulls, bools, ints and floats as
// kubectl reads them; anything else (and .inf/.nan, which JSON lacks) stays a string.
nlohmann::json plain_scalar(const std::string& s);

// One document, no leading `---`, ends with a newline.
std::string emit(const nlohmann::json& value);

// True when a plain (unquoted) YAML scalar with this text would not read back as this string.
bool needs_quotes(const std::string& s);

}  // namespace ks::yaml
