#include "apply/unified_diff.h"

#include <algorithm>
#include <vector>

namespace ks::apply {

namespace {

enum class Op { Equal, Delete, Insert };

struct Edit {
  Op op;
  size_t a_before;  // lines of the old text before this edit
  size_t b_before;
  std::string line;
};

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string::npos) nl = text.size();
    lines.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return lines;
}

// Edit script from a to b. Past `kMaxD` differences the middle is replaced wholesale, which
// keeps memory bounded for unrelated texts.
std::vector<Op> myers(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  constexpr long kMaxD = 4000;
  const long n = static_cast<long>(a.size()), m = static_cast<long>(b.size());
  const long max = n + m, offset = max + 1;
  std::vector<long> v(static_cast<size_t>(2 * max + 3), 0);
  std::vector<std::vector<long>> trace;
  long found_d = -1;
  for (long d = 0; d <= max && d <= kMaxD && found_d < 0; ++d) {
    trace.push_back(v);
    for (long k = -d; k <= d; k += 2) {
      long x = (k == -d || (k != d && v[k - 1 + offset] < v[k + 1 + offset]))
                   ? v[k + 1 + offset]
                   : v[k - 1 + offset] + 1;
      long y = x - k;
      while (x < n && y < m && a[x] == b[y]) ++x, ++y;
      v[k + offset] = x;
      if (x >= n && y >= m) {
        found_d = d;
        break;
      }
    }
  }
  std::vector<Op> ops;
  if (found_d < 0) {
    ops.assign(static_cast<size_t>(n), Op::Delete);
    ops.insert(ops.end(), static_cast<size_t>(m), Op::Insert);
    return ops;
  }
  long x = n, y = m;
  for (long d = found_d; d > 0; --d) {
    const std::vector<long>& pv = trace[static_cast<size_t>(d)];
    long k = x - y;
    long prev_k = (k == -d || (k != d && pv[k - 1 + offset] < pv[k + 1 + offset])) ? k + 1 : k - 1;
    long prev_x = pv[prev_k + offset], prev_y = prev_x - prev_k;
    while (x > prev_x && y > prev_y) ops.push_back(Op::Equal), --x, --y;
    if (x == prev_x)
      ops.push_back(Op::Insert), --y;
    else
      ops.push_back(Op::Delete), --x;
  }
  while (x > 0 && y > 0) ops.push_back(Op::Equal), --x, --y;
  std::reverse(ops.begin(), ops.end());
  return ops;
}

std::string range(size_t before, size_t len) {
  size_t start = len == 0 ? before : before + 1;
  return len == 1 ? std::to_string(start) : std::to_string(start) + "," + std::to_string(len);
}

}  // namespace

std::string unified_diff(const std::string& old_text, const std::string& new_text,
                         const std::string& old_name, const std::string& new_name, int context) {
  if (old_text == new_text) return "";
  std::vector<std::string> a = lines_of(old_text), b = lines_of(new_text);
  std::vector<Edit> edits;
  size_t ai = 0, bi = 0;
  for (Op op : myers(a, b)) {
    if (op == Op::Equal)
      edits.push_back({op, ai, bi, a[ai]}), ++ai, ++bi;
    else if (op == Op::Delete)
      edits.push_back({op, ai, bi, a[ai]}), ++ai;
    else
      edits.push_back({op, ai, bi, b[bi]}), ++bi;
  }
  std::vector<size_t> changes;
  for (size_t i = 0; i < edits.size(); ++i)
    if (edits[i].op != Op::Equal) changes.push_back(i);
  if (changes.empty()) return "";
  const size_t ctx = static_cast<size_t>(std::max(0, context));
  std::string out = "--- " + old_name + "\n+++ " + new_name + "\n";
  size_t c = 0;
  while (c < changes.size()) {
    size_t first = changes[c], last = changes[c];
    while (c + 1 < changes.size() && changes[c + 1] - last <= 2 * ctx + 1) last = changes[++c];
    ++c;
    size_t start = first >= ctx ? first - ctx : 0;
    size_t end = std::min(edits.size() - 1, last + ctx);
    size_t a_len = 0, b_len = 0;
    for (size_t i = start; i <= end; ++i) {
      if (edits[i].op != Op::Insert) ++a_len;
      if (edits[i].op != Op::Delete) ++b_len;
    }
    out += "@@ -" + range(edits[start].a_before, a_len) + " +" +
           range(edits[start].b_before, b_len) + " @@\n";
    for (size_t i = start; i <= end; ++i) {
      char mark = edits[i].op == Op::Equal ? ' ' : edits[i].op == Op::Delete ? '-' : '+';
      out += mark + edits[i].line + "\n";
    }
  }
  return out;
}

}  // namespace ks::apply
