#include "cli/progress.h"

#include <algorithm>

#include "base/strings.h"

namespace ks::cli {

namespace {

constexpr const char* kClearLine = "\r\033[K";

// 0: Namespaces and CRDs, 1: other cluster-scoped objects, 2: namespaced objects.
int tier_of(const ops::ObjectRef& ref) {
  if (ref.kind == "Namespace" || ref.kind == "CustomResourceDefinition") return 0;
  return ref.namespace_.empty() ? 1 : 2;
}

const char* tier_name(int tier) {
  switch (tier) {
    case 0:
      return "namespaces and CRDs";
    case 1:
      return "cluster-scoped objects";
    default:
      return "namespaced objects";
  }
}

// Lines of one group are sorted together; pruning and readiness are groups of their own.
int group_of(const ops::ObjectResult& r) {
  bool readiness = r.action == ops::Action::Ready || r.action == ops::Action::NotReady;
  int phase = r.action == ops::Action::Pruned ? 1 : readiness ? 2 : 0;
  return phase * 4 + tier_of(r.ref);
}

term::Colour colour_of(ops::Action a) {
  switch (a) {
    case ops::Action::Created:
    case ops::Action::Valid:
    case ops::Action::Ready:
    case ops::Action::Deleted:
      return term::Colour::Green;
    case ops::Action::Configured:
    case ops::Action::Pruned:
      return term::Colour::Yellow;
    case ops::Action::Failed:
    case ops::Action::NotReady:
      return term::Colour::Red;
    default:
      return term::Colour::Dim;
  }
}

}  // namespace

StatusLine::StatusLine(std::ostream& out, bool live) : out_(out), live_(live) {}

StatusLine::~StatusLine() {
  clear();
}

void StatusLine::set(const std::string& text) {
  if (!live_) return;
  // A wrapped line could not be redrawn in place.
  size_t columns = static_cast<size_t>(term::width(1));
  text_ = text.size() < columns ? text : text.substr(0, columns > 4 ? columns - 4 : 0) + "...";
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

std::string coloured_result_line(const ops::ObjectResult& r, bool dry_run, bool colour) {
  std::string line = ops::result_line(r, dry_run);
  std::string action = ops::action_name(r.action);
  if (!colour || !str::starts_with(line, action)) return line;
  return term::paint(action, colour_of(r.action), true) + line.substr(action.size());
}

ResultPrinter::ResultPrinter(Context& ctx, std::string verb, size_t total, bool dry_run)
    : ctx_(ctx),
      verb_(std::move(verb)),
      total_(total),
      dry_run_(dry_run),
      style_(term::style_for(1)),
      status_live_(style_.live && !ctx.quiet),
      status_(ctx.out, status_live_) {
  redraw();
}

ResultPrinter::~ResultPrinter() {
  finish();
}

void ResultPrinter::result(const ops::ObjectResult& r) {
  std::lock_guard<std::mutex> lock(mutex_);
  int group = group_of(r);
  if (group != group_) {
    if (!buffered_.empty()) flush();
    log_step(verb_ + " " +
             (r.action == ops::Action::Pruned ? "(pruning)"
              : group >= 8                    ? "(waiting for readiness)"
                                              : tier_name(tier_of(r.ref))));
  }
  group_ = group;
  ++done_;
  current_ = std::string(tier_name(tier_of(r.ref))) + ": " + r.ref.display();
  buffered_.push_back(r);
  // Readiness results come one by one over the wait, and once every object has been applied
  // nothing more of its tier is coming: show them now rather than when the command ends.
  if (group >= 8 || done_ >= total_) flush();
  redraw();
}

void ResultPrinter::waiting(const std::string& text) {
  std::lock_guard<std::mutex> lock(mutex_);
  flush();
  if (status_live_) {
    current_ = text;
    redraw();
  } else if (!ctx_.quiet) {
    status_.print(ctx_.err, text);
  }
}

void ResultPrinter::retry(long status) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++retries_;
  redraw();
  log_step("retrying a request that got " +
           (status == 0 ? std::string("no answer") : "HTTP " + std::to_string(status)) + " (" +
           std::to_string(retries_) + " so far)");
}

void ResultPrinter::log_step(const std::string& what) {
  if (status_live_ || ctx_.verbosity == 0) return;
  ctx_.err << "[" << done_ << "/" << std::max(total_, done_) << "] " << what << std::endl;
}

void ResultPrinter::warning(const std::string& text) {
  std::lock_guard<std::mutex> lock(mutex_);
  status_.print(ctx_.err, term::paint("warning:", term::Colour::Yellow, term::style_for(2).colour) +
                              " " + text);
}

void ResultPrinter::flush() {
  std::stable_sort(buffered_.begin(), buffered_.end(),
                   [](const auto& a, const auto& b) { return a.ref < b.ref; });
  for (const auto& r : buffered_) {
    if (ctx_.quiet && r.action != ops::Action::Failed && r.action != ops::Action::NotReady)
      continue;
    status_.print(ctx_.out, coloured_result_line(r, dry_run_, style_.colour));
  }
  buffered_.clear();
}

void ResultPrinter::finish() {
  std::lock_guard<std::mutex> lock(mutex_);
  flush();
  status_.clear();
}

void ResultPrinter::redraw() {
  size_t total = std::max(total_, done_);
  std::string text = "[" + std::to_string(done_) + "/" + std::to_string(total) + "] " + verb_;
  if (!current_.empty()) text += " " + current_;
  if (retries_ > 0)
    text += " (" + std::to_string(retries_) + (retries_ == 1 ? " retry)" : " retries)");
  status_.set(text);
}

std::unique_ptr<StatusLine> step_status(Context& ctx, const std::string& text) {
  auto status = std::make_unique<StatusLine>(ctx.out, term::style_for(1).live && !ctx.quiet);
  status->set(text);
  return status;
}

}  // namespace ks::cli
