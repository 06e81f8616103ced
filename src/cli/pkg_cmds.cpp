#include "base/error.h"
#include "base/strings.h"
#include "cli/context.h"
#include "cli/ksonnet_flags.h"
#include "cli/output.h"
#include "cli/progress.h"
#include "ops/pkg.h"

namespace ks::cli {

namespace {

void add_pkg_install(CLI::App* parent, Context& ctx) {
  auto* cmd = parent->add_subcommand(
      "install",
      "Vendor a package into vendor/REG/PKG (no argument: every package app.yaml records)");
  cmd->alias("get");
  describe(cmd,
           "  ks pkg install kubeflow/core\n"
           "  ks pkg install kubeflow/tf-serving@v0.2.0\n"
           "  ks pkg install          # after a fresh clone: restore vendor/ from app.yaml's pins");
  auto what = std::make_shared<std::string>();
  auto name = std::make_shared<std::string>();
  cmd->add_option("package", *what, "REGISTRY/PACKAGE[@REF]");
  cmd->add_option("--name", *name, "Install under this name (vendor/REG/NAME)");
  // ks reinstalls whenever vendor/ differs from the recorded sha256; an intact package is
  // already what --force would write.
  add_noop_flag(cmd, "--force");
  add_refused_option(cmd, "--env",
                     "ks installs packages for the whole app and every env renders them; "
                     "install without --env");
  cmd->callback([&ctx, what, name] {
    ops::PkgInstallOptions o{*what, *name};
    if (what->empty()) {
      if (!name->empty()) throw Error("--name needs a package: ks pkg install REG/PKG --name NAME");
      auto status = step_status(ctx, "[1/1] installing the packages app.yaml records");
      auto results = ops::pkg_install(ctx.start_dir(), o, ctx.err);
      status->clear();
      if (ctx.quiet) return;
      if (results.empty()) ctx.out << "no packages recorded in app.yaml\n";
      for (const auto& r : results) {
        ctx.out << (r.changed ? "installed " : "up to date ") << r.key
                << (r.library.commit.empty() ? "" : " at " + r.library.commit.substr(0, 12))
                << "\n";
      }
      return;
    }
    auto status = step_status(ctx, "[1/1] installing " + *what);
    auto r = ops::pkg_install(ctx.start_dir(), o, ctx.err).front();
    status->clear();
    if (!ctx.quiet) {
      ctx.out << (r.changed ? "installed " : "already installed ") << r.key
              << (r.library.commit.empty() ? "" : " at " + r.library.commit.substr(0, 12)) << "\n";
    }
  });
}

void add_pkg_list(CLI::App* parent, Context& ctx) {
  auto* cmd = parent->add_subcommand(
      "list", "List the packages of every registry, and which are installed");
  describe(cmd, "  ks pkg list\n  ks pkg list --installed -o json");
  auto format = std::make_shared<std::string>();
  auto installed = std::make_shared<bool>(false);
  add_output_flag(cmd, *format, {"table", "json", "yaml"});
  cmd->add_flag("--installed", *installed, "Only installed packages");
  cmd->callback([&ctx, format, installed] {
    auto rows = ops::pkg_list(ctx.start_dir(), *installed, ctx.err);
    nlohmann::json data = nlohmann::json::array();
    std::vector<std::vector<std::string>> table;
    for (const auto& r : rows) {
      data.push_back({{"registry", r.registry},
                      {"name", r.name},
                      {"version", r.version},
                      {"installed", r.installed},
                      {"environments", r.environments},
                      {"commit", r.commit}});
      table.push_back(
          {r.registry, r.name, r.version, r.installed ? "*" : "", str::join(r.environments, ", ")});
    }
    print_listing(ctx, *format, data, {"registry", "name", "version", "installed", "environments"},
                  table);
  });
}

void add_pkg_describe(CLI::App* parent, Context& ctx) {
  auto* cmd = parent->add_subcommand("describe", "Show a package: description and prototypes");
  describe(cmd, "  ks pkg describe kubeflow/tf-job");
  auto key = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>();
  cmd->add_option("package", *key, "REGISTRY/PACKAGE (or PACKAGE when unambiguous)")->required();
  add_output_flag(cmd, *format, {"text", "json", "yaml"});
  cmd->callback([&ctx, key, format] {
    auto info = ops::pkg_describe(ctx.start_dir(), *key, ctx.err);
    if (*format != "text") {
      nlohmann::json protos = nlohmann::json::array();
      for (const auto& p : info.prototypes)
        protos.push_back({{"name", p.name}, {"shortDescription", p.short_description}});
      nlohmann::json installed;
      if (info.library)
        installed = {{"ref", info.library->ref},
                     {"commit", info.library->commit},
                     {"sha256", info.library->sha256}};
      print_listing(ctx, *format,
                    {{"name", info.key},
                     {"description", str::trim(info.parts.description)},
                     {"installed", installed},
                     {"prototypes", protos}},
                    {}, {});
      return;
    }
    ctx.out << "LIBRARY NAME:\n"
            << info.key << "\n\nDESCRIPTION:\n"
            << str::trim(info.parts.description) << "\n";
    if (info.library) {
      ctx.out << "\nINSTALLED:\n";
      if (!info.library->ref.empty()) ctx.out << "  ref: " << info.library->ref << "\n";
      if (!info.library->commit.empty()) ctx.out << "  commit: " << info.library->commit << "\n";
      if (!info.library->sha256.empty()) ctx.out << "  sha256: " << info.library->sha256 << "\n";
    }
    ctx.out << "\nPROTOTYPES:\n";
    if (info.prototypes.empty()) ctx.out << "  [none]\n";
    for (const auto& p : info.prototypes)
      ctx.out << "  " << p.name << " - " << p.short_description << "\n";
  });
}

void add_pkg_remove(CLI::App* parent, Context& ctx) {
  auto* cmd = parent->add_subcommand(
      "remove", "Remove an installed package (refused while components use it)");
  cmd->alias("rm");
  describe(cmd, "  ks pkg remove kubeflow/tf-serving\n  ks pkg remove kubeflow/tf-serving --force");
  auto key = std::make_shared<std::string>();
  auto force = std::make_shared<bool>(false);
  cmd->add_option("package", *key, "REGISTRY/PACKAGE")->required();
  cmd->add_flag("--force", *force, "Remove even when components use it");
  cmd->callback([&ctx, key, force] {
    ops::pkg_remove(ctx.start_dir(), *key, *force);
    if (!ctx.quiet) ctx.out << "removed package '" << *key << "'\n";
  });
}

void add_pkg_verify(CLI::App* parent, Context& ctx) {
  auto* cmd = parent->add_subcommand(
      "verify", "Check vendored packages against the sha256 app.yaml records (exit 1 on drift)");
  describe(cmd, "  ks pkg verify");
  cmd->callback([&ctx] {
    auto drift = ops::pkg_verify(ctx.start_dir());
    for (const auto& d : drift)
      ctx.out << d.key << (d.env.empty() ? "" : " (env " + d.env + ")") << ": " << d.problem
              << "\n";
    if (!drift.empty())
      throw Error(std::to_string(drift.size()) + " vendored package problem(s); see above");
    if (!ctx.quiet) ctx.out << "all vendored packages match app.yaml\n";
  });
}

void add_pkg_init(CLI::App* parent, Context& ctx) {
  auto* cmd = parent->add_subcommand(
      "init", "Create a new package folder in a registry (parts.yaml, an example prototype)");
  describe(cmd, "  ks pkg init ./my-registry/redis");
  auto dir = std::make_shared<std::string>();
  cmd->add_option("dir", *dir, "REGISTRY_FOLDER/PACKAGE")->required();
  cmd->callback([&ctx, dir] {
    ops::pkg_init(*dir);
    if (!ctx.quiet) ctx.out << "created package " << *dir << "\n";
  });
}

}  // namespace

void add_pkg_commands(CLI::App& root, Context& ctx) {
  auto* cmd = root.add_subcommand(
      "pkg", "Manage packages (vendored libraries and prototypes from registries)");
  describe(cmd, "  ks pkg install kubeflow/core\n  ks pkg list --installed");
  cmd->require_subcommand(1);
  add_pkg_install(cmd, ctx);
  add_pkg_list(cmd, ctx);
  add_pkg_describe(cmd, ctx);
  add_pkg_remove(cmd, ctx);
  add_pkg_init(cmd, ctx);
  add_pkg_verify(cmd, ctx);
}

}  // namespace ks::cli
