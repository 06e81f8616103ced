#include "apply/report.h"

#include <algorithm>

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
      if (r.action == Action::Failed) out.push_back(r);
  return out;
}

std::string result_line(const ObjectResult& r, bool dry_run) {
  std::string line = action_name(r.action) + " " + r.ref.display();
  if (dry_run && r.action != Action::Failed) line += " (dry run)";
  if (!r.message.empty())
    line += (r.action == Action::Failed ? ": " : " (") + r.message +
            (r.action == Action::Failed ? "" : ")");
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
  return s;
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
