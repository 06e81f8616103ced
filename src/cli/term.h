#pragma once
// What the terminal can show: live lines only on a terminal (never for TERM=dumb). Colour follows
// --color: always, never, or auto (the default): on a terminal unless NO_COLOR is set to a
// non-empty value (https://no-color.org: an empty NO_COLOR does not disable colour).
#include <string>

namespace ks::cli::term {

struct Style {
  bool live = false;    // carriage-return progress lines
  bool colour = false;  // ANSI colours
};

// For file descriptor 1 (stdout) or 2 (stderr).
Style style_for(int fd);

enum class ColourMode { Auto, Always, Never };
// Set once by the CLI edge from --color before any command runs.
void set_colour_mode(ColourMode mode);

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
