#pragma once
// The machine-readable results of apply, delete and diff (`-o json|yaml`). The schema is
// documented in docs/output.md and kept stable: fields may be added, never renamed or removed.
#include <string>

#include <nlohmann/json.hpp>

#include "ops/deploy.h"

namespace ks::cli {

// kind is "ApplyResult" or "DeleteResult"; dry_run is "none", "client" or "server".
nlohmann::json report_document(const std::string& kind, const ops::Report& report,
                               const std::string& dry_run);

nlohmann::json diff_document(const ops::DiffResult& result);

}  // namespace ks::cli
