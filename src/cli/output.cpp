#include "cli/output.h"

#include "base/strings.h"
#include "base/yaml.h"

namespace ks::cli {

CLI::Option* add_output_flag(CLI::App* cmd, std::string& format,
                             const std::vector<std::string>& formats) {
  format = formats.front();
  return cmd->add_option("-o,--output", format, "Output format: " + str::join(formats, "|"))
      ->check(CLI::IsMember(formats));
}

void print_listing(Context& ctx, const std::string& format, const nlohmann::json& data,
                   const std::vector<std::string>& headers,
                   const std::vector<std::vector<std::string>>& rows) {
  if (format == "json")
    ctx.out << data.dump(2) << "\n";
  else if (format == "yaml")
    ctx.out << yaml::emit(data);
  else
    ctx.out << str::table(headers, rows);
}

}  // namespace ks::cli
