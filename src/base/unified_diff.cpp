#include "base/unified_diff.h"

#include <git2.h>

#include <algorithm>

#include "base/error.h"

namespace ks::text {

namespace {

// libgit2 must be initialised once per process; its shutdown is left to process exit.
void ensure_libgit2() {
  static const int once = git_libgit2_init();
  (void)once;
}

// GNU diff's hunk range: `start,len` (`start` alone when len is 1; the line before when empty).
std::string range(size_t start, size_t len) {
  return len == 1 ? std::to_string(start) : std::to_string(start) + "," + std::to_string(len);
}

struct Collector {
  std::string out;
};

int on_hunk(const git_diff_delta*, const git_diff_hunk* hunk, void* payload) {
  auto& out = static_cast<Collector*>(payload)->out;
  out += "@@ -" + range(static_cast<size_t>(hunk->old_start), hunk->old_lines) + " +" +
         range(static_cast<size_t>(hunk->new_start), hunk->new_lines) + " @@\n";
  return 0;
}

int on_line(const git_diff_delta*, const git_diff_hunk*, const git_diff_line* line, void* payload) {
  char mark = line->origin;
  if (mark != GIT_DIFF_LINE_CONTEXT && mark != GIT_DIFF_LINE_ADDITION &&
      mark != GIT_DIFF_LINE_DELETION)
    return 0;  // both texts end in a newline (see below): no end-of-file markers to print
  auto& out = static_cast<Collector*>(payload)->out;
  out += mark;
  out.append(line->content, line->content_len);
  if (out.back() != '\n') out += '\n';
  return 0;
}

std::string with_final_newline(const std::string& text) {
  return text.empty() || text.back() == '\n' ? text : text + "\n";
}

}  // namespace

// libgit2's xdiff (git's own diff) rather than a hand-written Myers: linear space, with git's
// heuristics bounding the time on unrelated texts. An 8,000-line object takes milliseconds.
std::string unified_diff(const std::string& old_text, const std::string& new_text,
                         const std::string& old_name, const std::string& new_name, int context) {
  const std::string a = with_final_newline(old_text), b = with_final_newline(new_text);
  if (a == b) return "";
  ensure_libgit2();
  git_diff_options options = GIT_DIFF_OPTIONS_INIT;
  options.context_lines = static_cast<uint32_t>(std::max(0, context));
  options.flags = GIT_DIFF_FORCE_TEXT;
  Collector collected;
  collected.out = "--- " + old_name + "\n+++ " + new_name + "\n";
  if (git_diff_buffers(a.data(), a.size(), nullptr, b.data(), b.size(), nullptr, &options, nullptr,
                       nullptr, on_hunk, on_line, &collected) != 0) {
    const git_error* e = git_error_last();
    throw Error(std::string("internal: diffing ") + old_name + ": " +
                (e && e->message ? e->message : "libgit2 error"));
  }
  return collected.out;
}

}  // namespace ks::text
