#include "cli/cli.h"

int main(int argc, char** argv) {
  return ks::cli::run(argc, argv);
}
