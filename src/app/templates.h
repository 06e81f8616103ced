#pragma once
// The files `ks init` and `ks env add` write, matching ksonnet 0.13's content so that apps stay
// interchangeable.
#include <string>

#include "app/layout.h"
#include "app/transaction.h"

namespace ks::app::templates {

std::string gitignore();
std::string component_params();  // components/params.libsonnet and module params
std::string base_libsonnet();    // environments/base.libsonnet
std::string env_main();          // environments/<env>/main.jsonnet
std::string env_params();        // environments/<env>/params.libsonnet
std::string env_globals();       // environments/<env>/globals.libsonnet
std::string k_libsonnet();       // lib/k.libsonnet (minimal ksonnet-lib subset)

// Stages the three files of a new env folder.
void stage_env_files(Transaction& txn, const Layout& layout, const std::string& env_path);

}  // namespace ks::app::templates
