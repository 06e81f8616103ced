#pragma once
// What the terminal can show: live lines and colour only on a terminal, colour only without
// NO_COLOR being set (https://no-color.org) and never for TERM=dumb.
#include <string>

namespace ks::cli::term {

struct Style {
  bool live = false;    // carriage-return progress lines
  bool colour = false;  // ANSI colours
};

// For file descriptor 1 (stdout) or 2 (stderr).
Style style_for(int fd);

enum class Colour { Red, Green, Yellow, Cyan, Bold, Dim };

// `text` wrapped in the colour's escape codes when `on`, else `text` unchanged.
std::string paint(const std::string& text, Colour colour, bool on);

}  // namespace ks::cli::term
