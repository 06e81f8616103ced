#pragma once
// Field schemas of common built-in kinds (ConfigMap, Secret, Namespace, ServiceAccount, Service,
// Deployment; object metadata everywhere), so bodies a real API server rejects are rejected here
// too: unknown fields and values of the wrong JSON type. Deeper parts (pod templates, selectors,
// ports, status) are not described and pass unchecked; other kinds are not checked at all (see
// README.md, "Not implemented").
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace kta {

struct FieldProblem {
  bool unknown = false;  // else: wrong type
  std::string path;      // `spec.foo`, `data.a`, `metadata.labels.x`
  std::string expected;  // for type problems: string, integer, boolean, object, array
  std::string got;       // the JSON type that was sent
  // The same problem in the words of Go's encoding/json, which kube's decoder reports: the
  // struct-field path (`data` for `data.a`: map keys and list indices are not named), the JSON
  // value as Go names it (`number`, `bool`) and the Go type (`string`, `int32`).
  std::string go_path;
  std::string go_got;
  std::string go_expected;
  // The expected type in structured-merge-diff's words (server-side apply's typed conversion).
  std::string smd_expected;
};

// Nothing when the kind has no schema here or the object fits it.
std::vector<FieldProblem> schema_problems(const std::string& group, const std::string& kind,
                                          const nlohmann::json& object);
// Removes the unknown fields (what fieldValidation=Ignore and Warn do with them).
void drop_unknown_fields(nlohmann::json& object, const std::vector<FieldProblem>& problems);

}  // namespace kta
