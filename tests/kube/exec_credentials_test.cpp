#include "kube/exec_credentials.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "base/fs.h"

#include "base/error.h"
#include "ks_test.h"

namespace ks::kube {
namespace {

// A plugin that counts its runs, saves its environment and prints a credential.
ExecConfig write_plugin(const ks_test::Sandbox& sb, const std::string& status_json,
                        const std::string& version = "client.authentication.k8s.io/v1") {
  std::string path = (sb.root() / "plugin.sh").string();
  ks_test::write(path,
                 "#!/bin/sh\n"
                 "echo run >> \"" +
                     (sb.root() / "runs").string() +
                     "\"\n"
                     "printf '%s' \"$KUBERNETES_EXEC_INFO\" > \"" +
                     (sb.root() / "info").string() +
                     "\"\n"
                     "printf '%s %s' \"$FOO\" \"$1\" > \"" +
                     (sb.root() / "env").string() +
                     "\"\n"
                     "cat <<'JSON'\n"
                     "{\"kind\":\"ExecCredential\",\"apiVersion\":\"" +
                     version + "\",\"status\":" + status_json +
                     "}\n"
                     "JSON\n");
  ::chmod(path.c_str(), 0755);
  ExecConfig e;
  e.api_version = version;
  e.command = path;
  e.args = {"arg1"};
  e.env = {{"FOO", "bar"}};
  e.provide_cluster_info = true;
  return e;
}

int runs(const ks_test::Sandbox& sb) {
  std::string text;
  ks::fs::read_file_if_exists(sb.root() / "runs", text);
  return static_cast<int>(std::count(text.begin(), text.end(), '\n'));
}

TEST(KubeExecCredentials, RunsThePluginWithEnvAndExecInfoAndCaches) {
  ks_test::Sandbox sb;
  ClusterConfig cluster;
  cluster.server = "https://k.example";
  ExecCredentialProvider p(write_plugin(sb, R"({"token":"tok-123"})"), cluster);
  EXPECT_EQ(p.get().token, "tok-123");
  EXPECT_EQ(p.get().token, "tok-123");
  EXPECT_EQ(runs(sb), 1);
  EXPECT_EQ(ks_test::read(sb.root() / "env"), "bar arg1");
  auto info = nlohmann::json::parse(ks_test::read(sb.root() / "info"));
  EXPECT_EQ(info["kind"], "ExecCredential");
  EXPECT_EQ(info["apiVersion"], "client.authentication.k8s.io/v1");
  EXPECT_EQ(info["spec"]["interactive"], false);
  EXPECT_EQ(info["spec"]["cluster"]["server"], "https://k.example");
  p.invalidate();
  EXPECT_EQ(p.get().token, "tok-123");
  EXPECT_EQ(runs(sb), 2);
}

TEST(KubeExecCredentials, ReRunsAfterExpiry) {
  ks_test::Sandbox sb;
  ExecCredentialProvider p(
      write_plugin(sb, R"({"token":"t","expirationTimestamp":"2001-01-01T00:00:00Z"})",
                   "client.authentication.k8s.io/v1beta1"),
      ClusterConfig{});
  p.get();
  p.get();
  EXPECT_EQ(runs(sb), 2);
}

TEST(KubeExecCredentials, ClientCertificateAndFutureExpiry) {
  ks_test::Sandbox sb;
  ExecCredentialProvider p(
      write_plugin(
          sb,
          R"({"clientCertificateData":"CERT","clientKeyData":"KEY","expirationTimestamp":"2999-01-01T00:00:00.5+02:00"})"),
      ClusterConfig{});
  ExecCredential c = p.get();
  p.get();
  EXPECT_EQ(runs(sb), 1);
  EXPECT_EQ(c.client_certificate_data, "CERT");
  EXPECT_EQ(c.client_key_data, "KEY");
  EXPECT_TRUE(c.expiry.has_value());
}

TEST(KubeExecCredentials, ErrorsNeverShowTheOutput) {
  ExecConfig e;
  e.api_version = "client.authentication.k8s.io/v1";
  e.command = "plugin";
  for (
      std::string out :
      {std::string(R"({"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1"})"),
       std::string(
           R"({"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1","status":{"clientCertificateData":"SECRETCERT"}})"),
       std::string("not json SECRET")}) {
    try {
      parse_exec_credential(out, e);
      FAIL() << out;
    } catch (const Error& err) {
      EXPECT_EQ(std::string(err.what()).find("SECRET"), std::string::npos) << err.what();
    }
  }
}

TEST(KubeExecCredentials, FailingPluginNamesExitCodeOnly) {
  ks_test::Sandbox sb;
  std::string path = (sb.root() / "fail.sh").string();
  ks_test::write(path, "#!/bin/sh\necho SECRET-OUT\necho SECRET-ERR >&2\nexit 3\n");
  ::chmod(path.c_str(), 0755);
  ExecConfig e;
  e.api_version = "client.authentication.k8s.io/v1";
  e.command = path;
  ExecCredentialProvider p(e, ClusterConfig{});
  try {
    p.get();
    FAIL();
  } catch (const Error& err) {
    std::string msg = err.what();
    EXPECT_NE(msg.find("exit code 3"), std::string::npos) << msg;
    EXPECT_EQ(msg.find("SECRET"), std::string::npos) << msg;
  }
}

// A plugin that says something on stderr, records its KUBERNETES_EXEC_INFO and whether it could
// read a line from stdin, then prints a credential.
ExecConfig talking_plugin(const ks_test::Sandbox& sb, const std::string& mode) {
  std::string path = (sb.root() / "login.sh").string();
  ks_test::write(path,
                 "#!/bin/sh\n"
                 "echo 'SSO session expired; run aws sso login' >&2\n"
                 "printf '%s' \"$KUBERNETES_EXEC_INFO\" > \"" +
                     (sb.root() / "info").string() +
                     "\"\n"
                     "if read -r line; then echo read > \"" +
                     (sb.root() / "stdin").string() + "\"; else echo eof > \"" +
                     (sb.root() / "stdin").string() +
                     "\"; fi\n"
                     "echo '{\"kind\":\"ExecCredential\",\"apiVersion\":"
                     "\"client.authentication.k8s.io/v1\",\"status\":{\"token\":\"t\"}}'\n");
  ::chmod(path.c_str(), 0755);
  ExecConfig e;
  e.api_version = "client.authentication.k8s.io/v1";
  e.command = path;
  e.interactive_mode = mode;
  return e;
}

TEST(KubeExecCredentials, PluginStderrReachesTheUser) {
  ks_test::Sandbox sb;
  ExecCredentialProvider p(talking_plugin(sb, "Never"), ClusterConfig{});
  testing::internal::CaptureStderr();
  std::string token = p.get().token;
  std::string err = testing::internal::GetCapturedStderr();
  EXPECT_EQ(token, "t");
  EXPECT_NE(err.find("SSO session expired; run aws sso login"), std::string::npos) << err;
}

TEST(KubeExecCredentials, NeverGivesNoStdinAndSaysNotInteractive) {
  ks_test::Sandbox sb;
  // Even with a terminal, Never means the plugin gets no stdin.
  ExecCredentialProvider p(talking_plugin(sb, "Never"), ClusterConfig{}, std::chrono::seconds(60),
                           /*stdin_is_terminal=*/true);
  testing::internal::CaptureStderr();
  p.get();
  testing::internal::GetCapturedStderr();
  EXPECT_EQ(ks_test::read(sb.root() / "stdin"), "eof\n");
  EXPECT_EQ(nlohmann::json::parse(ks_test::read(sb.root() / "info"))["spec"]["interactive"], false);
}

TEST(KubeExecCredentials, IfAvailableIsInteractiveOnlyOnATerminal) {
  ExecConfig e;
  e.command = "login";
  for (const char* mode : {"", "IfAvailable"}) {
    e.interactive_mode = mode;
    EXPECT_TRUE(exec_interactive(e, true)) << mode;
    EXPECT_FALSE(exec_interactive(e, false)) << mode;
  }
  ks_test::Sandbox sb;
  ExecCredentialProvider p(talking_plugin(sb, "IfAvailable"), ClusterConfig{},
                           std::chrono::seconds(60), /*stdin_is_terminal=*/true);
  testing::internal::CaptureStderr();
  p.get();
  testing::internal::GetCapturedStderr();
  EXPECT_EQ(nlohmann::json::parse(ks_test::read(sb.root() / "info"))["spec"]["interactive"], true);
}

TEST(KubeExecCredentials, AlwaysWithoutATerminalIsAClearError) {
  ks_test::Sandbox sb;
  try {
    ExecCredentialProvider p(talking_plugin(sb, "Always"), ClusterConfig{},
                             std::chrono::seconds(60), /*stdin_is_terminal=*/false);
    FAIL() << "accepted";
  } catch (const Error& err) {
    std::string msg = err.what();
    EXPECT_NE(msg.find("needs a terminal (interactiveMode: Always)"), std::string::npos) << msg;
  }
  ExecConfig odd = talking_plugin(sb, "Sometimes");
  EXPECT_THROW(exec_interactive(odd, true), Error);
}

TEST(KubeExecCredentials, Rfc3339) {
  auto t = parse_rfc3339("1970-01-02T00:00:00Z");
  ASSERT_TRUE(t);
  EXPECT_EQ(std::chrono::system_clock::to_time_t(*t), 86400);
  auto off = parse_rfc3339("1970-01-02T02:00:00+02:00");
  ASSERT_TRUE(off);
  EXPECT_EQ(std::chrono::system_clock::to_time_t(*off), 86400);
  EXPECT_FALSE(parse_rfc3339("yesterday"));
}

}  // namespace
}  // namespace ks::kube
