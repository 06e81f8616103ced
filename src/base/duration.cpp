#include "base/duration.h"

#include <cmath>
#include <string>

#include "base/error.h"

namespace ks::duration {

namespace {

// Milliseconds per unit, longest unit names first so `ms` is not read as `m` then `s`.
struct Unit {
  std::string_view name;
  double ms;
};
constexpr Unit kUnits[] = {{"ns", 1e-6}, {"us", 1e-3}, {"\xC2\xB5s", 1e-3}, {"\xCE\xBCs", 1e-3},
                           {"ms", 1},    {"s", 1e3},   {"m", 60e3},         {"h", 3600e3}};

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

}  // namespace

std::chrono::milliseconds parse(std::string_view text, std::string_view flag) {
  auto invalid = [&] {
    return Error(std::string(flag) + " " + std::string(text) +
                 ": expected a duration such as 90s, 1m30s, 2h or 300 (seconds)");
  };
  if (text.empty()) throw invalid();
  if (text.find_first_not_of("0123456789") == std::string_view::npos) {
    if (text.size() > 9) throw invalid();
    return std::chrono::seconds(std::stoll(std::string(text)));
  }
  double total = 0;
  size_t i = 0;
  while (i < text.size()) {
    size_t start = i;
    while (i < text.size() && is_digit(text[i])) ++i;
    if (i < text.size() && text[i] == '.') {
      ++i;
      while (i < text.size() && is_digit(text[i])) ++i;
    }
    std::string number(text.substr(start, i - start));
    if (number.empty() || number == ".") throw invalid();
    const Unit* unit = nullptr;
    for (const Unit& u : kUnits)
      if (text.substr(i, u.name.size()) == u.name && (!unit || u.name.size() > unit->name.size()))
        unit = &u;
    if (!unit) throw invalid();  // Go requires a unit on every number but a lone 0
    i += unit->name.size();
    total += std::stod(number) * unit->ms;
  }
  if (total > 1e12) throw invalid();  // ~31 years: a typo, not a timeout
  return std::chrono::milliseconds(static_cast<long long>(std::llround(total)));
}

}  // namespace ks::duration
