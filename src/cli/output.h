#pragma once
// Output helpers shared by list/describe commands: a table by default, or -o json / -o yaml.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/context.h"

namespace ks::cli {

// Adds `-o,--output` accepting the given formats (the first is the default).
CLI::Option* add_output_flag(CLI::App* cmd, std::string& format,
                             const std::vector<std::string>& formats);

// Prints `data` as JSON or YAML when asked, else the table.
void print_listing(Context& ctx, const std::string& format, const nlohmann::json& data,
                   const std::vector<std::string>& headers,
                   const std::vector<std::vector<std::string>>& rows);

}  // namespace ks::cli
