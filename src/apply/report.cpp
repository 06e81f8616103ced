#include "apply/report.h"

#include <algorithm>

#include "base/strings.h"

namespace ks::apply {

namespace {

std::string objects_word(size_t n) {
  return std::to_string(n) + (n == 1 ? " object" : " objects");
}

int count_in(const std::vector<ObjectResult>& v, Action a) {
  return static_cast<int>(
      std::count_if(v.begin(), v.end(), [&](const ObjectResult& r) { return r.action == a; }));
}

}  // namespace

std::string action_name(Action a) {
  switch (a) {
    case Action::Created:
      return "created";
    case Action::Configured:
      return "configured";
    case Action::Unchanged:
      return "unchanged";
    case Action::Pruned:
      return "pruned";
    case Action::Deleted:
      return "deleted";
    case Action::NotFound:
      return "not found";
    case Action::Valid:
      return "valid";
    case Action::Skipped:
      return "skipped";
    case Action::Ready:
      return "ready";
    case Action::NotReady:
      return "not ready";
    case Action::Failed:
      return "failed";
  }
  return "failed";
}

int Report::count(Action a) const {
  return count_in(objects, a);
}

bool Report::ok() const {
  return failures().empty();
}

std::vector<ObjectResult> Report::failures() const {
  std::vector<ObjectResult> out;
  for (const auto* list : {&objects, &pruned, &waited})
    for (const ObjectResult& r : *list)
      if (r.action == Action::Failed || r.action == Action::NotReady) out.push_back(r);
  return out;
}

std::string result_line(const ObjectResult& r, bool dry_run) {
  std::string line = action_name(r.action) + " " + r.ref.display();
  bool bad = r.action == Action::Failed || r.action == Action::NotReady;
  if (dry_run && !bad) line += " (dry run)";
  if (!r.message.empty()) line += (bad ? ": " : " (") + r.message + (bad ? "" : ")");
  return line;
}

std::string apply_summary(const Report& r) {
  std::string s = "applied " + objects_word(r.objects.size()) + (r.dry_run ? " (dry run)" : "") +
                  ": " + std::to_string(r.count(Action::Created)) + " created, " +
                  std::to_string(r.count(Action::Configured)) + " configured, " +
                  std::to_string(r.count(Action::Unchanged)) + " unchanged, " +
                  std::to_string(r.count(Action::Failed)) + " failed";
  if (!r.pruned.empty()) s += ", " + std::to_string(count_in(r.pruned, Action::Pruned)) + " pruned";
  if (r.interrupted)
    s += ", " + std::to_string(r.count(Action::Skipped)) + " not applied (interrupted)";
  if (!r.waited.empty())
    s += "; " + std::to_string(count_in(r.waited, Action::Ready)) + " ready, " +
         std::to_string(count_in(r.waited, Action::NotReady)) + " not ready";
  return s;
}

std::string failure_message(const Report& r, const std::string& verb) {
  std::vector<std::string> failed, not_ready;
  for (const ObjectResult& f : r.failures())
    (f.action == Action::NotReady ? not_ready : failed).push_back(f.ref.display());
  std::vector<std::string> parts;
  if (!failed.empty())
    parts.push_back(objects_word(failed.size()) + " failed to " + verb + ": " +
                    str::join(failed, ", "));
  if (!not_ready.empty())
    parts.push_back(objects_word(not_ready.size()) + " not ready: " + str::join(not_ready, ", "));
  if (parts.empty()) return "";
  return str::join(parts, "; ") + " (see the lines above)";
}

std::string delete_summary(const Report& r) {
  return "deleted " + objects_word(r.objects.size()) + (r.dry_run ? " (dry run)" : "") + ": " +
         std::to_string(r.count(Action::Deleted)) + " deleted, " +
         std::to_string(r.count(Action::NotFound)) + " not found, " +
         std::to_string(r.count(Action::Failed)) + " failed";
}

std::string validate_summary(const Report& r) {
  std::string s = "validated " + objects_word(r.objects.size()) + ": " +
                  std::to_string(r.count(Action::Valid)) + " valid, " +
                  std::to_string(r.count(Action::Failed)) + " invalid";
  if (int skipped = r.count(Action::Skipped)) s += ", " + std::to_string(skipped) + " skipped";
  return s;
}

}  // namespace ks::apply
