#include "cli/cli.h"
#include "cli/process_guard.h"

int main(int argc, char** argv) {
  // Process-wide state is set here, once, and nowhere below the CLI.
  ks::cli::install_process_guard(ks::cli::read_process_settings());
  return ks::cli::run(argc, argv);
}
