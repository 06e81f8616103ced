#include <sstream>

#include "base/error.h"
#include "base/redact.h"
#include "cli/context.h"
#include "cli/output.h"
#include "cli/progress.h"
#include "ops/registry.h"
#include "ops/registry_lint.h"

namespace ks::cli {

namespace {

std::string short_commit(const std::string& sha) {
  return sha.substr(0, 12);
}

void add_registry_add(CLI::App* parent, Context& ctx) {
  auto* cmd =
      parent->add_subcommand("add", "Add a registry (a folder or a git repository) and fetch it");
  describe(cmd,
           "  ks registry add kubeflow ../kubeflow-registry\n"
           "  ks registry add kubeflow https://github.com/kubeflow/kubeflow --version v0.1.0\n"
           "  ks registry add incubator github.com/ksonnet/parts/tree/master/incubator\n"
           "  ks registry add kubeflow file:///srv/kubeflow/tree/master/kubeflow");
  auto r = std::make_shared<ops::AddRequest>();
  cmd->add_option("name", r->name, "Registry name (prototypes import packages as NAME/PKG/...)")
      ->required();
  cmd->add_option("uri", r->uri, "Folder, git URL, or URL/tree/REF/PATH")->required();
  cmd->add_option("--version", r->version, "Branch, tag or commit to pin (git registries)");
  cmd->add_flag("-o,--override", r->override_file,
                "Write to app.override.yaml (local, not committed)");
  cmd->callback([&ctx, r] {
    auto status = step_status(
        ctx, "[1/1] fetching registry '" + r->name + "' from " + redact_userinfo(r->uri));
    auto entry = ops::registry_add(ctx.start_dir(), *r, ctx.err);
    status->clear();
    if (!ctx.quiet) {
      ctx.out << "added registry '" << r->name << "' (" << entry.protocol << " "
              << redact_userinfo(entry.uri)
              << (entry.commit.empty() ? "" : " at " + short_commit(entry.commit)) << ")\n";
    }
  });
}

void add_registry_list(CLI::App* parent, Context& ctx) {
  auto* cmd = parent->add_subcommand("list", "List the app's registries");
  describe(cmd, "  ks registry list\n  ks registry list -o json");
  auto format = std::make_shared<std::string>();
  add_output_flag(cmd, *format, {"table", "json", "yaml"});
  cmd->callback([&ctx, format] {
    nlohmann::json data = nlohmann::json::array();
    std::vector<std::vector<std::string>> rows;
    for (const auto& row : ops::registry_list(ctx.start_dir())) {
      const auto& e = row.entry;
      data.push_back({{"name", row.name},
                      {"override", row.override_entry},
                      {"protocol", e.protocol},
                      {"uri", redact_userinfo(e.uri)},
                      {"version", e.version},
                      {"commit", e.commit}});
      rows.push_back({row.name, row.override_entry ? "*" : "", e.protocol, redact_userinfo(e.uri),
                      e.version, short_commit(e.commit)});
    }
    print_listing(ctx, *format, data, {"name", "override", "protocol", "uri", "version", "commit"},
                  rows);
  });
}

void add_registry_describe(CLI::App* parent, Context& ctx) {
  auto* cmd = parent->add_subcommand("describe", "Show a registry and its packages");
  describe(cmd, "  ks registry describe kubeflow");
  auto name = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>();
  cmd->add_option("name", *name, "Registry name")->required();
  add_output_flag(cmd, *format, {"text", "json", "yaml"});
  cmd->callback([&ctx, name, format] {
    auto described = ops::registry_describe(ctx.start_dir(), *name, ctx.err);
    const ops::RegistryEntry& entry = described.entry;
    if (*format != "text") {
      nlohmann::json packages = described.packages;
      print_listing(ctx, *format,
                    {{"name", *name},
                     {"uri", redact_userinfo(entry.uri)},
                     {"protocol", entry.protocol},
                     {"version", entry.version},
                     {"commit", entry.commit},
                     {"packages", packages}},
                    {}, {});
      return;
    }
    ctx.out << "REGISTRY NAME:\n"
            << *name << "\n\nURI:\n"
            << redact_userinfo(entry.uri) << "\n\nPROTOCOL:\n"
            << entry.protocol << "\n\n";
    if (!entry.version.empty()) ctx.out << "VERSION:\n" << entry.version << "\n\n";
    if (!entry.commit.empty()) ctx.out << "COMMIT:\n" << entry.commit << "\n\n";
    ctx.out << "PACKAGES:\n";
    if (described.packages.empty()) ctx.out << "  [none]\n";
    for (const auto& pkg : described.packages) ctx.out << "  " << pkg << "\n";
  });
}

void add_registry_set(CLI::App* parent, Context& ctx) {
  auto* cmd =
      parent->add_subcommand("set", "Change a registry's URI or pinned version (fetches it again)");
  describe(cmd,
           "  ks registry set kubeflow --version v0.2.0\n  ks registry set kubeflow --uri "
           "https://github.com/me/kubeflow");
  auto name = std::make_shared<std::string>();
  auto uri = std::make_shared<std::string>();
  auto version = std::make_shared<std::string>();
  cmd->add_option("name", *name, "Registry name")->required();
  auto* uri_opt = cmd->add_option("--uri", *uri, "New URI");
  auto* version_opt = cmd->add_option("--version", *version, "New branch, tag or commit");
  cmd->callback([&ctx, name, uri, version, uri_opt, version_opt] {
    ops::SetRequest r;
    r.name = *name;
    if (uri_opt->count()) r.uri = *uri;
    if (version_opt->count()) r.version = *version;
    auto entry = ops::registry_set(ctx.start_dir(), r, ctx.err);
    if (!ctx.quiet) {
      ctx.out << "updated registry '" << *name << "' (" << entry.protocol << " "
              << redact_userinfo(entry.uri)
              << (entry.commit.empty() ? "" : " at " + short_commit(entry.commit)) << ")\n";
    }
  });
}

void add_registry_rm(CLI::App* parent, Context& ctx) {
  auto* cmd =
      parent->add_subcommand("rm", "Remove a registry (its packages must be removed first)");
  describe(cmd, "  ks registry rm kubeflow");
  auto name = std::make_shared<std::string>();
  cmd->add_option("name", *name, "Registry name")->required();
  cmd->callback([&ctx, name] {
    ops::registry_rm(ctx.start_dir(), *name);
    if (!ctx.quiet) ctx.out << "removed registry '" << *name << "'\n";
  });
}

void add_registry_lint(CLI::App* parent, Context& ctx) {
  auto* cmd = parent->add_subcommand("lint", "Check a registry folder before publishing it");
  describe(cmd,
           "  ks registry lint ./kubeflow\n  ks registry lint ./my-registry --registry-name acme "
           "--no-render");
  auto o = std::make_shared<ops::RegistryLintOptions>();
  auto dir = std::make_shared<std::string>();
  auto no_render = std::make_shared<bool>(false);
  cmd->add_option("dir", *dir, "Registry folder (holding registry.yaml)")->required();
  cmd->add_option("--registry-name", o->registry_name,
                  "Name prototypes import the packages under (default: the folder name)");
  cmd->add_flag("--no-render", *no_render, "Skip rendering every prototype");
  cmd->callback([&ctx, o, dir, no_render] {
    o->dir = *dir;
    o->render = !*no_render;
    std::ostringstream log;
    auto problems = ops::lint_registry(*o, ctx.verbosity > 0 ? ctx.err : log).problems;
    for (const auto& p : problems) ctx.out << p << "\n";
    if (!problems.empty()) {
      throw Error(std::to_string(problems.size()) + " problem" + (problems.size() > 1 ? "s" : "") +
                  " in registry " + *dir);
    }
    if (!ctx.quiet) ctx.out << "registry " << *dir << ": no problems\n";
  });
}

void add_registry_init(CLI::App* parent, Context& ctx) {
  auto* cmd = parent->add_subcommand("init", "Create a new registry folder (registry.yaml)");
  describe(cmd, "  ks registry init ./my-registry && ks pkg init ./my-registry/redis");
  auto dir = std::make_shared<std::string>();
  cmd->add_option("dir", *dir, "Folder to create")->required();
  cmd->callback([&ctx, dir] {
    ops::registry_init(*dir);
    if (!ctx.quiet) ctx.out << "created registry " << *dir << "/registry.yaml\n";
  });
}

}  // namespace

void add_registry_commands(CLI::App& root, Context& ctx) {
  auto* cmd = root.add_subcommand("registry", "Manage registries (sources of packages)");
  describe(
      cmd,
      "  ks registry add kubeflow file:///srv/kubeflow/tree/master/kubeflow\n  ks registry list");
  cmd->require_subcommand(1);
  add_registry_add(cmd, ctx);
  add_registry_list(cmd, ctx);
  add_registry_describe(cmd, ctx);
  add_registry_set(cmd, ctx);
  add_registry_rm(cmd, ctx);
  add_registry_lint(cmd, ctx);
  add_registry_init(cmd, ctx);
}

}  // namespace ks::cli
