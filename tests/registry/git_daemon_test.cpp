// A registry served by `git daemon` on loopback (git:// protocol through libgit2).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "e2e_util.h"
#include "skip.h"

extern char** environ;

namespace ks_test::registry {
namespace {

const char* kGitDaemon = "/usr/lib/git-core/git-daemon";

int free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

bool accepting(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  ::close(fd);
  return ok;
}

class GitDaemon {
 public:
  GitDaemon(const stdfs::path& base, int port) {
    std::vector<std::string> args = {kGitDaemon,
                                     "--reuseaddr",
                                     "--export-all",
                                     "--listen=127.0.0.1",
                                     "--port=" + std::to_string(port),
                                     "--base-path=" + base.string(),
                                     base.string()};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    if (posix_spawn(&pid_, kGitDaemon, nullptr, nullptr, argv.data(), environ) != 0) pid_ = -1;
  }
  ~GitDaemon() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  bool running() const { return pid_ > 0; }

 private:
  pid_t pid_ = -1;
};

TEST(RegistryGitDaemon, AddAndInstallOverGitProtocol) {
  if (!stdfs::exists(kGitDaemon)) KS_SKIP_UNLESS_CI() << "git daemon is not installed";
  Sandbox sb;
  stdfs::path served = sb.root() / "served";
  write_demo_registry(served / "repo" / "reg");
  std::string sha = git::commit_all(served / "repo", "first");
  int port = free_port();
  GitDaemon daemon(served, port);
  ASSERT_TRUE(daemon.running());
  for (int i = 0; i < 100 && !accepting(port); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  ASSERT_TRUE(accepting(port)) << "git daemon did not start on port " << port;

  stdfs::path app = new_app(sb, "app");
  std::string url = "git://127.0.0.1:" + std::to_string(port) + "/repo/tree/master/reg";
  expect_ok(sb.ks({"registry", "add", "local", url}, app), "registry add");
  expect_ok(sb.ks({"pkg", "install", "local/demo"}, app), "pkg install");
  EXPECT_EQ(read(app / "vendor" / "local" / "demo" / "demo.libsonnet"), "{ label: 'web' }\n");
  EXPECT_NE(read(app / "app.yaml").find(sha), std::string::npos);
  expect_ok(sb.ks({"generate", "demo", "cm", "--name=cm"}, app), "generate");
  ks_test::Run show = sb.ks({"show", "default"}, app);
  expect_ok(show, "show");
  EXPECT_NE(show.out.find("label: web"), std::string::npos) << show.out;
}

// Every file and folder name below `dir`, and the content of those that hold `needle`.
std::vector<std::string> mentions(const stdfs::path& dir, const std::string& needle) {
  std::vector<std::string> found;
  for (const auto& e : stdfs::recursive_directory_iterator(dir)) {
    std::string p = e.path().string();
    if (p.find(needle) != std::string::npos) found.push_back("name " + p);
    if (e.is_regular_file() && read(e.path()).find(needle) != std::string::npos)
      found.push_back("content " + p);
  }
  return found;
}

TEST(RegistryGitDaemon, CredentialsInTheUrlAreNeverShownNorKeptOutsideAppYaml) {
  if (!stdfs::exists(kGitDaemon)) KS_SKIP_UNLESS_CI() << "git daemon is not installed";
  Sandbox sb;
  stdfs::path served = sb.root() / "served";
  write_demo_registry(served / "repo" / "reg");
  git::commit_all(served / "repo", "first");
  int port = free_port();
  GitDaemon daemon(served, port);
  ASSERT_TRUE(daemon.running());
  for (int i = 0; i < 100 && !accepting(port); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  ASSERT_TRUE(accepting(port));

  stdfs::path app = new_app(sb, "app");
  const std::string secret = "S3CRETPW";
  std::string url =
      "git://user:" + secret + "@127.0.0.1:" + std::to_string(port) + "/repo/tree/master/reg";
  std::string output;
  for (std::vector<std::string> args :
       {std::vector<std::string>{"registry", "add", "local", url},
        {"pkg", "install", "local/demo"},
        {"registry", "list"},
        {"registry", "list", "-o", "json"},
        {"registry", "describe", "local"},
        {"pkg", "install", "local/nothere"},
        {"registry", "add", "other", "https://user:" + secret + "@127.0.0.1:1/r.git"}}) {
    ks_test::Run r = sb.ks(args, app);
    output += r.out + r.err;
  }
  EXPECT_EQ(output.find(secret), std::string::npos) << output;
  EXPECT_NE(output.find("git://***@127.0.0.1:"), std::string::npos) << output;
  EXPECT_NE(output.find("https://***@127.0.0.1:1/r.git"), std::string::npos) << output;
  EXPECT_EQ(read(app / "vendor" / "local" / "demo" / "demo.libsonnet"), "{ label: 'web' }\n");
  // app.yaml keeps the URL as written; nothing else on disk holds the password.
  EXPECT_NE(read(app / "app.yaml").find(url), std::string::npos);
  std::vector<std::string> found = mentions(sb.root(), secret);
  std::erase(found, "content " + (app / "app.yaml").string());
  EXPECT_TRUE(found.empty()) << found.front();
}

}  // namespace
}  // namespace ks_test::registry
