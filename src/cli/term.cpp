#include "cli/term.h"

#include <cstdlib>
#include <string_view>

#include <unistd.h>

namespace ks::cli::term {

Style style_for(int fd) {
  const char* term = std::getenv("TERM");
  bool tty = isatty(fd) == 1 && !(term && std::string_view(term) == "dumb");
  const char* no_colour = std::getenv("NO_COLOR");
  bool colour_off = no_colour != nullptr;  // the issue asks for colour only when NO_COLOR is unset
  return {tty, tty && !colour_off};
}

std::string paint(const std::string& text, Colour colour, bool on) {
  if (!on || text.empty()) return text;
  const char* code = "";
  switch (colour) {
    case Colour::Red: code = "31"; break;
    case Colour::Green: code = "32"; break;
    case Colour::Yellow: code = "33"; break;
    case Colour::Cyan: code = "36"; break;
    case Colour::Bold: code = "1"; break;
    case Colour::Dim: code = "2"; break;
  }
  return std::string("\033[") + code + "m" + text + "\033[0m";
}

}  // namespace ks::cli::term
