#include "cli/term.h"

#include <cstdlib>
#include <string_view>

#include <sys/ioctl.h>
#include <unistd.h>

namespace ks::cli::term {

namespace {
ColourMode colour_mode = ColourMode::Auto;  // CLI-edge state: the --color flag
}  // namespace

void set_colour_mode(ColourMode mode) {
  colour_mode = mode;
}

Style style_for(int fd) {
  const char* term = std::getenv("TERM");
  bool tty = isatty(fd) == 1 && !(term && std::string_view(term) == "dumb");
  const char* no_colour = std::getenv("NO_COLOR");
  bool colour_off = no_colour != nullptr && no_colour[0] != '\0';
  bool colour = colour_mode == ColourMode::Always  ? true
                : colour_mode == ColourMode::Never ? false
                                                   : tty && !colour_off;
  return {tty, colour};
}

int width(int fd) {
  winsize size{};
  if (ioctl(fd, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  return 80;
}

std::string paint(const std::string& text, Colour colour, bool on) {
  if (!on || text.empty()) return text;
  const char* code = "";
  switch (colour) {
    case Colour::Red:
      code = "31";
      break;
    case Colour::Green:
      code = "32";
      break;
    case Colour::Yellow:
      code = "33";
      break;
    case Colour::Cyan:
      code = "36";
      break;
    case Colour::Bold:
      code = "1";
      break;
    case Colour::Dim:
      code = "2";
      break;
  }
  return std::string("\033[") + code + "m" + text + "\033[0m";
}

}  // namespace ks::cli::term

namespace ks::cli {

std::string colour_diff(const std::string& diff, bool colour) {
  if (!colour) return diff;
  std::string out;
  size_t start = 0;
  while (start < diff.size()) {
    size_t end = diff.find('\n', start);
    if (end == std::string::npos) end = diff.size();
    std::string line = diff.substr(start, end - start);
    if (line.rfind("+++", 0) == 0 || line.rfind("---", 0) == 0)
      line = term::paint(line, term::Colour::Bold, true);
    else if (line.rfind("+", 0) == 0)
      line = term::paint(line, term::Colour::Green, true);
    else if (line.rfind("-", 0) == 0)
      line = term::paint(line, term::Colour::Red, true);
    else if (line.rfind("@@", 0) == 0)
      line = term::paint(line, term::Colour::Cyan, true);
    out += line;
    if (end < diff.size()) out += "\n";
    start = end + 1;
  }
  return out;
}

}  // namespace ks::cli
