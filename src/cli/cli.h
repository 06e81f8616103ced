#pragma once

namespace ks::cli {

// Parses the command line, runs the command, prints errors as `error: <message>` on stderr and
// returns the process exit code.
int run(int argc, char** argv);

}  // namespace ks::cli
