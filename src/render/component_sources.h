#pragma once
// Every component of an env read once, before any evaluation: jsonnet files checked to parse on
// their own (see syntax_check.h), YAML/JSON files parsed to data.
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/app.h"

namespace ks::render {

struct ComponentSource {
  app::Component component;
  std::string display;       // the file, relative to the app root
  std::string text;          // jsonnet components: the file's content
  nlohmann::json data;       // YAML/JSON components: the object, or an array of documents
  std::string syntax_error;  // does not parse (jsonnet alone, or YAML/JSON): the formatted error
};

// Keyed by qualified component name. Syntax errors are recorded, not thrown: a component with
// one fails only when something renders or reads it.
std::map<std::string, ComponentSource> read_component_sources(
    const app::Layout& layout, const std::vector<app::Component>& components);

// Throws the recorded syntax error of any of `names`.
void require_parsed(const std::map<std::string, ComponentSource>& sources,
                    const std::vector<app::Component>& components);

}  // namespace ks::render
