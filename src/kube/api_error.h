#pragma once
// Turns an unsuccessful API response into one line for the user: the Status `message` verbatim,
// or for server-side apply conflicts, the fields grouped by the manager that owns them.
#include <string>
#include <vector>

#include "kube/http_client.h"

namespace ks::kube {

struct FieldConflict {
  std::string manager;  // e.g. `"other" using v1`
  std::string field;    // e.g. `.data.a`
};

struct ApiError {
  long code = 0;
  std::string reason;
  std::string message;
  std::vector<FieldConflict> conflicts;
};

ApiError parse_api_error(const Response& response);
// One line, no secrets: transport error, conflict summary (with the --force-conflicts hint) or
// the Status message.
std::string describe_failure(const Response& response);
bool is_success(const Response& response);

}  // namespace ks::kube
