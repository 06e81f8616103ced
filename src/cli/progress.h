#pragma once
// Progress of long commands. On a terminal one status line (`[3/15] applying namespaced
// objects: deployment kubeflow/cnn, 2 retries`) is redrawn in place under the permanent lines;
// otherwise only the permanent lines are printed, so pipes and CI logs stay plain and stable.
#include <memory>
#include <mutex>
#include <ostream>
#include <string>

#include "cli/context.h"
#include "cli/term.h"
#include "ops/cluster.h"

namespace ks::cli {

class StatusLine {
 public:
  StatusLine(std::ostream& out, bool live);
  ~StatusLine();
  StatusLine(const StatusLine&) = delete;
  StatusLine& operator=(const StatusLine&) = delete;

  void set(const std::string& text);                      // the live line (ignored when not live)
  void print(std::ostream& to, const std::string& line);  // a permanent line above it
  void clear();                                           // removes the live line

 private:
  std::ostream& out_;
  bool live_;
  std::string text_;
};

// The per-object lines of apply / delete / validate with a live `[done/total]` line. Objects
// finish concurrently; lines are printed sorted within each tier so the output is stable.
class ResultPrinter {
 public:
  ResultPrinter(Context& ctx, std::string verb, size_t total, bool dry_run);
  ~ResultPrinter();
  void result(const ops::ObjectResult& r);
  void retry(long status);  // a request is being sent again (may come from any thread)
  void warning(const std::string& text);
  // A wait of over 2 s (a WaitNotice): the live line on a terminal, else a line on stderr.
  void waiting(const std::string& text);
  void finish();  // prints what is buffered and clears the live line

 private:
  void flush();
  void redraw();
  void log_step(const std::string& what);  // with -v and no live line: a plain line on stderr

  Context& ctx_;
  std::string verb_;
  size_t total_;
  bool dry_run_;
  term::Style style_;
  bool status_live_;
  StatusLine status_;
  std::mutex mutex_;
  size_t done_ = 0;
  int retries_ = 0;
  std::string current_;  // tier and object of the last result
  int group_ = -1;
  std::vector<ops::ObjectResult> buffered_;
};

// For commands with a few slow steps (fetching a registry, vendoring a package).
std::unique_ptr<StatusLine> step_status(Context& ctx, const std::string& text);

// `created ...` with the action word coloured when the terminal shows colour.
std::string coloured_result_line(const ops::ObjectResult& r, bool dry_run, bool colour);

}  // namespace ks::cli
