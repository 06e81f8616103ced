#include "cli/result_output.h"

#include <map>

namespace ks::cli {

namespace {

using nlohmann::json;

json object_entry(const ops::ObjectResult& r) {
  json e = {{"apiVersion", r.ref.api_version},
            {"kind", r.ref.kind},
            {"name", r.ref.name},
            {"action", ops::action_name(r.action)}};
  if (!r.ref.namespace_.empty()) e["namespace"] = r.ref.namespace_;
  if (!r.message.empty()) e["message"] = r.message;
  return e;
}

json entries(const std::vector<ops::ObjectResult>& results) {
  json out = json::array();
  for (const auto& r : results) out.push_back(object_entry(r));
  return out;
}

// Counts by action name ("not found" becomes notFound), every action of `results`.
json counts(const std::vector<ops::ObjectResult>& results) {
  std::map<std::string, int> by_action;
  for (const auto& r : results) {
    std::string name = ops::action_name(r.action);
    if (name == "not found") name = "notFound";
    ++by_action[name];
  }
  json out = json::object();
  for (const auto& [name, n] : by_action) out[name] = n;
  return out;
}

}  // namespace

json report_document(const std::string& kind, const ops::Report& report,
                     const std::string& dry_run) {
  json doc = {{"apiVersion", "ks.io/v1"},
              {"kind", kind},
              {"dryRun", dry_run},
              {"objects", entries(report.objects)},
              {"summary", {{"total", report.objects.size()}, {"actions", counts(report.objects)}}},
              {"failed", report.failures().size()}};
  if (!report.pruned.empty()) doc["pruned"] = entries(report.pruned);
  if (!report.waited.empty()) doc["waited"] = entries(report.waited);
  if (!report.notes.empty()) doc["notes"] = report.notes;
  if (report.interrupted) doc["interrupted"] = true;
  return doc;
}

json diff_document(const ops::DiffResult& result) {
  return {{"apiVersion", "ks.io/v1"},
          {"kind", "DiffResult"},
          {"differs", result.differs},
          {"diff", result.text},
          {"errors", result.errors}};
}

}  // namespace ks::cli
