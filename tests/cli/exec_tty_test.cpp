// Exec credential plugins on a real terminal (util-linux `script`): a device-code login reads
// the code from the user's terminal when interactiveMode allows it, and its messages reach the
// user; with interactiveMode Never it gets no stdin.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include "base/yaml.h"
#include "cli_util.h"
#include "server_fixture.h"

namespace {

namespace stdfs = std::filesystem;
using nlohmann::json;

std::string quote(const std::string& s) {
  return "'" + ks::str::replace_all(s, "'", "'\\''") + "'";
}

struct SsoApp {
  ks_test::TestApiServer srv;
  ks_test::Sandbox sb;
  stdfs::path kubeconfig = sb.root() / "kubeconfig";

  explicit SsoApp(const std::string& mode) {
    auto plugin = sb.root() / "sso-login.sh";
    ks_test::write(plugin,
                   "#!/bin/sh\n"
                   "echo 'open https://device.example and type the code shown there' >&2\n"
                   "if read -r code && [ \"$code\" = code-123 ]; then\n"
                   "  printf '{\"kind\":\"ExecCredential\",\"apiVersion\":"
                   "\"client.authentication.k8s.io/v1\",\"status\":{\"token\":\"%s\"}}' '" +
                       srv.token() +
                       "'\n"
                       "else echo 'sso-login: no code typed' >&2; exit 7; fi\n");
    ::chmod(plugin.c_str(), 0755);
    json served = ks::yaml::parse(ks_test::read(srv.kubeconfig()), "kubeconfig");
    json cluster = served["clusters"][0];
    json config = {
        {"apiVersion", "v1"},
        {"kind", "Config"},
        {"clusters", json::array({cluster})},
        {"users", json::array({{{"name", "sso"},
                                {"user",
                                 {{"exec",
                                   {{"apiVersion", "client.authentication.k8s.io/v1"},
                                    {"command", plugin.string()},
                                    {"interactiveMode", mode}}}}}}})},
        {"contexts", json::array({{{"name", "sso"},
                                   {"context", {{"cluster", cluster["name"]}, {"user", "sso"}}}}})},
        {"current-context", "sso"}};
    ks_test::write(kubeconfig, config.dump());
    auto init = sb.ks({"init", "shop"}, sb.root(), {{"KUBECONFIG", kubeconfig.string()}});
    EXPECT_EQ(init.code, 0) << init.err;
    ks_test::write(sb.root() / "shop" / "components" / "web.yaml",
                   "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n");
  }

  // `ks apply default` on a pseudo-terminal where the user types `typed`.
  ks_test::Run apply_typing(const std::string& typed) const {
    ks::process::Options options;
    options.cwd = (sb.root() / "shop").string();
    options.env_set = {{"KUBECONFIG", kubeconfig.string()},
                       {"HOME", sb.home().string()},
                       {"TERM", "xterm"},
                       {"NO_COLOR", "1"}};
    options.stdin_data = typed;
    options.timeout = std::chrono::milliseconds(120000);
    auto r = ks::process::run({"script", "-qec", quote(KS_BINARY) + " apply default", "/dev/null"},
                              options);
    return {r.exit_code, r.out, r.err};
  }
};

TEST(ExecPluginOnATerminal, IfAvailableReadsTheUsersTerminal) {
  SsoApp app("IfAvailable");
  auto r = app.apply_typing("code-123\n");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("open https://device.example"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("created configmap default/web"), std::string::npos) << r.out;
}

TEST(ExecPluginOnATerminal, NeverGivesThePluginNoStdin) {
  SsoApp app("Never");
  auto r = app.apply_typing("code-123\n");
  EXPECT_NE(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("sso-login: no code typed"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("failed with exit code 7"), std::string::npos) << r.out;
}

}  // namespace
