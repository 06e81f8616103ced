#pragma once
// ksonnet 0.13 flags that ks does not take with ksonnet's meaning. Each is either accepted as a
// documented no-op or refused with a message naming what to use instead, so a ksonnet script
// gets a precise answer rather than "argument was not expected". Both kinds are hidden from
// --help (they are listed in docs/ksonnet-compatibility.md). Flags ks takes with ksonnet's
// meaning are ks's own options and are not here.
#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace ks::cli {

// Accepted and ignored (`names` as CLI11 spells them: "--skip-gc" or "-o,--override").
void add_noop_flag(CLI::App* cmd, const std::string& names);

// Refused when given: "ksonnet's NAME is not supported by ks: INSTEAD".
void add_refused_flag(CLI::App* cmd, const std::string& names, const std::string& instead);
void add_refused_option(CLI::App* cmd, const std::string& names, const std::string& instead);

// kubectl's connection flags, which ksonnet took on init, env add, apply, delete, diff and
// validate, minus those the command takes itself (`keep`, e.g. {"--context", "--server"}).
void add_refused_connection_flags(CLI::App* cmd, const std::vector<std::string>& keep);

// ksonnet's global --tls-skip-verify (on the root command).
void add_refused_global_flags(CLI::App& root);

}  // namespace ks::cli
