// Registries over HTTPS with authentication and proxies: `git http-backend` behind a TLS server
// with Basic auth and a logging CONNECT proxy (tests/registry/https_git_server.py), reached the
// ways docs/registries.md documents: KS_GIT_TOKEN, a git credential helper, GIT_ASKPASS, and
// https_proxy or git's http.proxy.
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <chrono>
#include <thread>

#include "base/process.h"
#include "base/strings.h"
#include "e2e_util.h"

extern char** environ;

namespace ks_test::registry {
namespace {

const char* kPassword = "s3cret-token";

class HttpsGitServer {
 public:
  explicit HttpsGitServer(const stdfs::path& root) : root_(root) {
    auto cert =
        ks::process::run({"openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                          "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost",
                          "-keyout", (root / "key.pem").string(), "-out", cert_path()});
    EXPECT_EQ(cert.exit_code, 0) << cert.err;
    std::vector<std::string> args = {
        "python3",     ks_test::source_path("tests/registry/https_git_server.py"),
        "--root",      root.string(),
        "--cert",      cert_path(),
        "--key",       (root / "key.pem").string(),
        "--password",  kPassword,
        "--port-file", (root / "ports").string(),
        "--proxy-log", proxy_log_path()};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    if (posix_spawnp(&pid_, "python3", nullptr, nullptr, argv.data(), environ) != 0) pid_ = -1;
    for (int i = 0; i < 200 && !stdfs::exists(root / "ports"); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    std::string ports = stdfs::exists(root / "ports") ? read(root / "ports") : "";
    auto parts = ks::str::split(ks::str::trim(ports), ' ');
    if (parts.size() == 2) {
      https_port_ = parts[0];
      proxy_port_ = parts[1];
    }
  }
  ~HttpsGitServer() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  bool running() const { return pid_ > 0 && !https_port_.empty(); }
  std::string cert_path() const { return (root_ / "cert.pem").string(); }
  std::string proxy_log_path() const { return (root_ / "proxy.log").string(); }
  std::string registry_url() const {
    return "https://localhost:" + https_port_ + "/cgi-bin/git/repo/tree/master/reg";
  }
  std::string proxy_url() const { return "http://127.0.0.1:" + proxy_port_; }
  std::string https_port() const { return https_port_; }
  std::string proxy_log() const {
    return stdfs::exists(proxy_log_path()) ? read(proxy_log_path()) : "";
  }

 private:
  stdfs::path root_;
  pid_t pid_ = -1;
  std::string https_port_, proxy_port_;
};

class HttpsGitRegistry : public ::testing::Test {
 protected:
  void SetUp() override {
    served = sb.root() / "served";
    write_demo_registry(served / "repos" / "repo" / "reg");
    git::commit_all(served / "repos" / "repo", "first");
    server = std::make_unique<HttpsGitServer>(served);
    ASSERT_TRUE(server->running()) << "the HTTPS git server did not start";
    app = new_app(sb, "app");
  }

  // Trusts the test CA and has no proxy exclusions, whatever the machine's environment says.
  std::map<std::string, std::string> env(std::map<std::string, std::string> extra = {}) const {
    std::map<std::string, std::string> e = {{"GIT_SSL_CAINFO", server->cert_path()},
                                            {"no_proxy", ""},
                                            {"NO_PROXY", ""},
                                            {"https_proxy", ""},
                                            {"HTTPS_PROXY", ""},
                                            {"http_proxy", ""},
                                            {"GIT_ASKPASS", ""},
                                            {"SSH_ASKPASS", ""},
                                            {"KS_GIT_TOKEN", ""}};
    for (auto& [k, v] : extra) e[k] = v;
    return e;
  }

  void expect_installed(const ks_test::Run& add) {
    expect_ok(add, "registry add");
    expect_ok(sb.ks({"pkg", "install", "https/demo"}, app, env()), "pkg install (from the cache)");
    EXPECT_EQ(read(app / "vendor" / "https" / "demo" / "demo.libsonnet"), "{ label: 'web' }\n");
  }

  Sandbox sb;
  stdfs::path served, app;
  std::unique_ptr<HttpsGitServer> server;
};

TEST_F(HttpsGitRegistry, TokenFromKsGitTokenThroughHttpsProxy) {
  auto add = sb.ks({"registry", "add", "https", server->registry_url()}, app,
                   env({{"KS_GIT_TOKEN", kPassword}, {"https_proxy", server->proxy_url()}}));
  expect_installed(add);
  EXPECT_NE(server->proxy_log().find("localhost:" + server->https_port()), std::string::npos)
      << "the fetch did not go through https_proxy";
}

TEST_F(HttpsGitRegistry, CredentialHelperAndHttpProxyFromGitConfig) {
  write(sb.home() / ".gitconfig",
        "[credential]\n"
        "\thelper = \"!f() { test \\\"$1\\\" = get && echo username=ci && echo password=" +
            std::string(kPassword) +
            "; }; f\"\n"
            "[http]\n"
            "\tproxy = " +
            server->proxy_url() + "\n");
  expect_installed(sb.ks({"registry", "add", "https", server->registry_url()}, app, env()));
  EXPECT_NE(server->proxy_log().find("localhost:" + server->https_port()), std::string::npos)
      << "the fetch did not go through http.proxy";
}

TEST_F(HttpsGitRegistry, GitAskPass) {
  auto askpass = sb.root() / "askpass.sh";
  write(askpass, "#!/bin/sh\ncase \"$1\" in Username*) echo ci ;; *) echo " +
                     std::string(kPassword) + " ;; esac\n");
  ::chmod(askpass.c_str(), 0755);
  expect_installed(sb.ks({"registry", "add", "https", server->registry_url()}, app,
                         env({{"GIT_ASKPASS", askpass.string()}})));
  EXPECT_EQ(server->proxy_log(), "");  // no proxy configured: direct
}

TEST_F(HttpsGitRegistry, MissingOrWrongCredentialsSayWhatToDo) {
  auto none = sb.ks({"registry", "add", "https", server->registry_url()}, app, env());
  expect_one_line_error(none,
                        "set KS_GIT_TOKEN, or configure a git credential helper or GIT_ASKPASS");
  auto wrong = sb.ks({"registry", "add", "https", server->registry_url()}, app,
                     env({{"KS_GIT_TOKEN", "not-the-token"}}));
  expect_one_line_error(wrong, "rejected the credentials from KS_GIT_TOKEN");
  EXPECT_EQ(wrong.err.find("not-the-token"), std::string::npos) << wrong.err;
  EXPECT_EQ(read(app / "app.yaml").find("localhost:" + server->https_port()),
            std::string::npos);  // nothing recorded
}

}  // namespace
}  // namespace ks_test::registry
