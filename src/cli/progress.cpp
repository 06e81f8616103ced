#include "cli/progress.h"

#include <algorithm>

#include "base/strings.h"

namespace ks::cli {

namespace {

constexpr const char* kClearLine = "\r\033[K";

// 0: Namespaces and CRDs, 1: other cluster-scoped objects, 2: namespaced objects.
int tier_of(const apply::ObjectRef& ref) {
  if (ref.kind == "Namespace" || ref.kind == "CustomResourceDefinition") return 0;
  return ref.namespace_.empty() ? 1 : 2;
}

const char* tier_name(int tier) {
  switch (tier) {
    case 0: return "namespaces and CRDs";
    case 1: return "cluster-scoped objects";
    default: return "namespaced objects";
  }
}

// Lines of one group are sorted together; pruning and readiness are groups of their own.
int group_of(const apply::ObjectResult& r) {
  int phase = r.action == apply::Action::Pruned ? 1 : r.action == apply::Action::Ready ? 2 : 0;
  return phase * 4 + tier_of(r.ref);
}

term::Colour colour_of(apply::Action a) {
  switch (a) {
    case apply::Action::Created:
    case apply::Action::Valid:
    case apply::Action::Ready:
    case apply::Action::Deleted: return term::Colour::Green;
    case apply::Action::Configured:
    case apply::Action::Pruned: return term::Colour::Yellow;
    case apply::Action::Failed: return term::Colour::Red;
    default: return term::Colour::Dim;
  }
}

}  // namespace

StatusLine::StatusLine(std::ostream& out, bool live) : out_(out), live_(live) {}

StatusLine::~StatusLine() { clear(); }

void StatusLine::set(const std::string& text) {
  if (!live_) return;
  text_ = text;
  out_ << kClearLine << text_ << std::flush;
}

void StatusLine::print(std::ostream& to, const std::string& line) {
  if (live_ && !text_.empty()) out_ << kClearLine << std::flush;
  to << line << "\n" << std::flush;
  if (live_ && !text_.empty()) out_ << text_ << std::flush;
}

void StatusLine::clear() {
  if (!live_ || text_.empty()) return;
  out_ << kClearLine << std::flush;
  text_.clear();
}

std::string coloured_result_line(const apply::ObjectResult& r, bool dry_run, bool colour) {
  std::string line = apply::result_line(r, dry_run);
  std::string action = apply::action_name(r.action);
  if (!colour || !str::starts_with(line, action)) return line;
  return term::paint(action, colour_of(r.action), true) + line.substr(action.size());
}

ResultPrinter::ResultPrinter(Context& ctx, std::string verb, size_t total, bool dry_run)
    : ctx_(ctx),
      verb_(std::move(verb)),
      total_(total),
      dry_run_(dry_run),
      style_(term::style_for(1)),
      status_(ctx.out, style_.live && !ctx.quiet) {
  redraw(nullptr);
}

ResultPrinter::~ResultPrinter() { status_.clear(); }

void ResultPrinter::result(const apply::ObjectResult& r) {
  ++done_;
  int group = group_of(r);
  if (group != group_ && !buffered_.empty()) flush();
  group_ = group;
  buffered_.push_back(r);
  redraw(&r);
}

void ResultPrinter::warning(const std::string& text) {
  status_.print(ctx_.err, term::paint("warning:", term::Colour::Yellow, term::style_for(2).colour) +
                              " " + text);
}

void ResultPrinter::flush() {
  std::stable_sort(buffered_.begin(), buffered_.end(),
                   [](const auto& a, const auto& b) { return a.ref < b.ref; });
  for (const auto& r : buffered_) {
    if (ctx_.quiet && r.action != apply::Action::Failed) continue;
    status_.print(ctx_.out, coloured_result_line(r, dry_run_, style_.colour));
  }
  buffered_.clear();
}

void ResultPrinter::finish() {
  flush();
  status_.clear();
}

void ResultPrinter::redraw(const apply::ObjectResult* last) {
  size_t total = std::max(total_, done_);
  std::string text = "[" + std::to_string(done_) + "/" + std::to_string(total) + "] " + verb_;
  if (last) text += " " + std::string(tier_name(tier_of(last->ref))) + ": " + last->ref.display();
  status_.set(text);
}

std::unique_ptr<StatusLine> step_status(Context& ctx, const std::string& text) {
  auto status = std::make_unique<StatusLine>(ctx.out, term::style_for(1).live && !ctx.quiet);
  status->set(text);
  return status;
}

}  // namespace ks::cli
