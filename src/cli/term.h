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

// Columns of the terminal on `fd` (80 when unknown): live lines must not wrap.
int width(int fd);

enum class Colour { Red, Green, Yellow, Cyan, Bold, Dim };

// `text` wrapped in the colour's escape codes when `on`, else `text` unchanged.
std::string paint(const std::string& text, Colour colour, bool on);

}  // namespace ks::cli::term

namespace ks::cli {
// A unified diff with `+` lines green, `-` lines red and `@@` lines cyan when `colour`.
std::string colour_diff(const std::string& diff, bool colour);
}  // namespace ks::cli
