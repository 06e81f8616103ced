// ks-test-apiserver: an in-memory Kubernetes API server for ks's tests (see README.md).
#include <signal.h>

#include <cstdio>
#include <iostream>
#include <thread>

#include "api_internal.h"
#include "base/error.h"
#include "base/fs.h"
#include "http_server.h"
#include "kubeconfig.h"
#include "options.h"

namespace {

// SIGTERM/SIGINT end the process from a dedicated thread; the state is in memory only.
void exit_on_signal() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  std::thread([set] {
    int sig = 0;
    sigwait(&set, &sig);
    std::fflush(stdout);
    std::_Exit(0);
  }).detach();
}

int run(const std::vector<std::string>& args) {
  kta::Options options = kta::parse_options(args);
  exit_on_signal();
  kta::ServerConfig config;
  config.host = options.host;
  config.port = options.port;
  config.pki = kta::make_pki("ks-test-admin", "system:masters");
  config.token = options.token.empty() ? kta::new_uid() : options.token;
  config.faults = kta::parse_fault_spec(options.faults);
  config.api.crd_establish_delay = std::chrono::milliseconds(options.crd_establish_delay_ms);
  kta::HttpServer server(config);
  int port = server.bind();
  std::string url = "https://" + options.host + ":" + std::to_string(port);
  kta::KubeconfigSpec kubeconfig{url, options.context, options.extra_contexts, config.token};
  ks::fs::write_file_atomic(options.kubeconfig_path, kta::render_kubeconfig(kubeconfig, config.pki),
                            0600);
  std::cout << "listening on " << url << std::endl;
  server.serve();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const ks::Error& e) {
    std::cerr << "error: " << e.what() << "\n";
    return e.exit_code();
  }
}
