#pragma once
// Command line of ks-test-apiserver.
#include <string>
#include <vector>

namespace kta {

struct Options {
  std::string host = "127.0.0.1";
  int port = 0;
  std::string kubeconfig_path;
  std::string context = "ks-test";
  std::vector<std::string> extra_contexts;
  std::string token;  // empty: generate one
  std::string faults;
  int crd_establish_delay_ms = 0;
};

extern const char* const kUsage;

// Throws ks::Error (exit code 2) on bad usage.
Options parse_options(const std::vector<std::string>& args);

}  // namespace kta
