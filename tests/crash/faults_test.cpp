// ks apply against ks-test-apiserver with injected faults: convergence with bounded retries and
// an exact summary, permanent failures named exactly, Ctrl-C stopping cleanly, a refused
// oversized response, and credentials that never reach any output.
// KS_FAULT_DELAY_MS sets the `delay` fault's sleep (default 200 in CI; the full run uses 2000).
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <regex>
#include <thread>

#include "base/strings.h"
#include "base/yaml.h"
#include "crash_util.h"
#include "ks_test.h"
#include "server_fixture.h"

namespace {

namespace stdfs = std::filesystem;
using ks_test::Sandbox;
using ks_test::TestApiServer;

std::string many_configmaps(int n, const std::string& prefix = "cm-") {
  return "[{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: '" + prefix +
         "%03d' % i }, data: { i: std.toString(i) } } for i in std.range(0, " +
         std::to_string(n - 1) + ")]\n";
}

struct App {
  TestApiServer srv;
  Sandbox sb;
  std::map<std::string, std::string> env{{"KUBECONFIG", srv.kubeconfig()}};
  stdfs::path dir = sb.root() / "shop";

  explicit App(std::vector<std::string> server_args = {}) : srv(std::move(server_args)) {
    ks_test::Run init = sb.ks({"init", "shop"}, sb.root(), env);
    EXPECT_EQ(init.code, 0) << init.err;
  }
  ks_test::Run ks(std::vector<std::string> args) const { return sb.ks(args, dir, env); }
};

int delay_ms() {
  const char* v = std::getenv("KS_FAULT_DELAY_MS");
  return v && *v ? std::atoi(v) : 200;
}

// Member writes (server-side apply PATCHes) of ConfigMaps in the request log.
std::vector<nlohmann::json> configmap_patches(const nlohmann::json& log) {
  std::vector<nlohmann::json> out;
  for (const auto& e : log)
    if (e.value("method", "") == "PATCH" &&
        e.value("path", "").find("/configmaps/") != std::string::npos)
      out.push_back(e);
  return out;
}

std::string name_of(const nlohmann::json& entry) {
  std::string path = ks::str::split(entry.value("path", ""), '?')[0];
  return path.substr(path.rfind('/') + 1);
}

bool faulted(const nlohmann::json& e) {
  return e.contains("fault") && !e["fault"].is_null() && e["fault"] != "" && e["fault"] != false;
}

TEST(ApplyFaults, FiveHundredObjectsConvergeUnderTwentyPercentFaults) {
  App app;
  ks_test::write(app.dir / "components" / "many.jsonnet", many_configmaps(500));
  app.srv.set_faults("rate=0.2,kinds=429+500+503+drop+delay,delay-ms=" +
                     std::to_string(delay_ms()));
  ks_test::Run r = app.ks({"apply", "default", "--concurrency", "16"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("applied 500 objects: 500 created, 0 configured, 0 unchanged, 0 failed"),
            std::string::npos)
      << r.out.substr(r.out.size() > 400 ? r.out.size() - 400 : 0);
  auto log = app.srv.requests();
  int faults = 0;
  std::map<std::string, int> kinds;
  for (const auto& e : log)
    if (faulted(e)) {
      ++faults;
      ++kinds[e["fault"].is_string() ? e["fault"].get<std::string>() : e["fault"].dump()];
    }
  std::map<std::string, int> attempts;
  for (const auto& e : configmap_patches(log)) ++attempts[name_of(e)];
  EXPECT_EQ(attempts.size(), 500u);
  int worst = 0, total = 0;
  for (const auto& [name, n] : attempts) {
    worst = std::max(worst, n);
    total += n;
  }
  EXPECT_LE(worst, 8) << "retries are bounded by the policy's 8 attempts";
  EXPECT_GE(faults, 50) << "a 20% fault rate over 500+ requests";
  std::string kinds_text;
  for (const auto& [k, n] : kinds) kinds_text += " " + k + "=" + std::to_string(n);
  std::printf(
      "fault run: %zu requests, %d faults injected (%s), 500/500 objects converged, %d "
      "object PATCHes, at most %d attempts for one object\n",
      log.size(), faults, kinds_text.c_str(), total, worst);

  // Every object is in the desired state: a clean second apply changes nothing.
  app.srv.set_faults("");
  ks_test::Run again = app.ks({"apply", "default"});
  EXPECT_EQ(again.code, 0) << again.err;
  EXPECT_NE(again.out.find("applied 500 objects: 0 created, 0 configured, 500 unchanged, 0 failed"),
            std::string::npos);
}

TEST(ApplyFaults, PermanentFailuresAreNamedExactly) {
  App app;
  ks_test::write(app.dir / "components" / "many.jsonnet", many_configmaps(30));
  ks_test::write(app.dir / "components" / "bad.jsonnet", many_configmaps(3, "bad-"));
  app.srv.set_faults("rate=0.1,kinds=429+503+drop,fail-name=^bad-");
  ks_test::Run r = app.ks({"apply", "default", "--concurrency", "8"});
  EXPECT_NE(r.code, 0);
  EXPECT_NE(r.out.find("applied 33 objects: 30 created, 0 configured, 0 unchanged, 3 failed"),
            std::string::npos)
      << r.out;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(r.err, m, std::regex("3 objects failed to apply: ([^(]*) \\(")))
      << r.err;
  auto named = ks::str::split(ks::str::trim(m[1].str()), ',');
  std::set<std::string> names;
  for (auto& n : named) names.insert(ks::str::trim(n));
  EXPECT_EQ(names, (std::set<std::string>{"configmap default/bad-000", "configmap default/bad-001",
                                          "configmap default/bad-002"}))
      << r.err;
  for (const auto& line : ks::str::split(r.out, '\n'))
    if (ks::str::starts_with(line, "failed ")) {
      EXPECT_NE(line.find("bad-"), std::string::npos);
    }
}

TEST(ApplyFaults, SigintStopsNewRequestsAndReportsWhatWasApplied) {
  App app;
  ks_test::write(app.dir / "components" / "many.jsonnet", many_configmaps(200));
  app.srv.set_faults("rate=1,kinds=delay,delay-ms=300,methods=PATCH,path=/configmaps/");
  crash::Background bg(app.sb, {"apply", "default", "--concurrency", "4"}, app.dir, app.env);
  for (int i = 0; i < 400 && configmap_patches(app.srv.requests()).size() < 8; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  bg.signal(SIGINT);
  int code = bg.wait();
  EXPECT_EQ(code, 130) << bg.stderr_so_far();
  std::string out = bg.stdout_so_far();
  std::string err = bg.stderr_so_far();
  int created = 0;
  std::set<std::string> reported;
  for (const auto& line : ks::str::split(out, '\n'))
    if (ks::str::starts_with(line, "created configmap default/")) {
      ++created;
      reported.insert(line.substr(std::string("created configmap default/").size()));
    }
  auto patches = configmap_patches(app.srv.requests());
  std::set<std::string> sent;
  for (const auto& e : patches) sent.insert(name_of(e));
  EXPECT_GE(created, 8);
  EXPECT_LT(created, 200) << "SIGINT should stop new requests";
  // Every request that was in flight finished and is reported; nothing else was sent.
  EXPECT_EQ(sent, reported);
  EXPECT_NE(out.find("applied 200 objects: " + std::to_string(created) +
                     " created, 0 configured, 0 unchanged, 0 failed, " +
                     std::to_string(200 - created) + " not applied (interrupted)"),
            std::string::npos)
      << out;
  EXPECT_NE(err.find("interrupted: " + std::to_string(200 - created) +
                     " of 200 objects were not applied"),
            std::string::npos)
      << err;
}

TEST(ApplyFaults, OversizedResponsesAreRefused) {
  App app;
  std::string big(20000, 'x');
  ks_test::write(
      app.dir / "components" / "big.yaml",
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  a: " + big + "\n");
  ks_test::Run r = app.ks({"apply", "default", "--max-response-bytes", "10000"});
  EXPECT_NE(r.code, 0);
  EXPECT_NE(r.err.find("is larger than 10000 bytes; refused"), std::string::npos) << r.err;
  ks_test::Run ok = app.ks({"apply", "default"});
  EXPECT_EQ(ok.code, 0) << ok.err;
}

// A kubeconfig whose users carry secrets: a bearer token, basic auth, a client key, an exec
// plugin printing a token. None may appear in anything ks prints.
TEST(Credentials, SecretsNeverAppearInVerboseOutputOrErrors) {
  App app;
  nlohmann::json kc = ks::yaml::parse(ks_test::read(app.srv.kubeconfig()), "kubeconfig");
  std::string token = app.srv.token();
  std::string exec_token = token;  // the plugin hands out the server's real token
  std::string client_key_b64;
  for (const auto& u : kc["users"])
    if (u["user"].contains("client-key-data")) client_key_b64 = u["user"]["client-key-data"];
  ASSERT_FALSE(client_key_b64.empty());
  stdfs::path plugin = app.sb.root() / "plugin.sh";
  stdfs::path marker = app.sb.root() / "plugin-env";
  ks_test::write(plugin,
                 "#!/bin/sh\nprintf '%s|%s' \"$PLUGIN_MODE\" \"$1\" > " + marker.string() +
                     "\nif [ \"$PLUGIN_MODE\" = fail ]; then echo 'EXEC-SECRET-OUT-77' ; echo "
                     "'EXEC-MESSAGE-ERR-77: run sso login' >&2; exit 3; fi\n"
                     "echo '{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":"
                     "\"ExecCredential\",\"status\":{\"token\":\"" +
                     exec_token + "\"}}'\n");
  ::chmod(plugin.c_str(), 0755);
  std::string server_cluster = kc["contexts"][0]["context"]["cluster"];
  auto add_user = [&](const std::string& name, const nlohmann::json& user) {
    kc["users"].push_back({{"name", name}, {"user", user}});
    kc["contexts"].push_back(
        {{"name", name}, {"context", {{"cluster", server_cluster}, {"user", name}}}});
  };
  nlohmann::json exec_ok = {{"apiVersion", "client.authentication.k8s.io/v1"},
                            {"command", plugin.string()},
                            {"args", {"$(touch " + (app.sb.root() / "pwned").string() + ")"}},
                            {"env", {{{"name", "PLUGIN_MODE"}, {"value", "ok"}}}},
                            {"interactiveMode", "Never"}};
  nlohmann::json exec_fail = exec_ok;
  exec_fail["env"][0]["value"] = "fail";
  add_user("exec-ok", {{"exec", exec_ok}});
  add_user("exec-fail", {{"exec", exec_fail}});
  add_user("bad-token", {{"token", "WRONG-TOKEN-SECRET-1234"}});
  add_user("basic", {{"username", "admin"}, {"password", "BASIC-PASSWORD-SECRET-99"}});
  stdfs::path kc_path = app.sb.root() / "kubeconfig";
  ks_test::write(kc_path, ks::yaml::emit(kc));
  std::map<std::string, std::string> env{{"KUBECONFIG", kc_path.string()}};
  ks_test::write(app.dir / "components" / "web.yaml",
                 "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata:\n  a: \"1\"\n");
  std::string all;
  auto run = [&](std::vector<std::string> args) {
    ks_test::Run r = app.sb.ks(args, app.dir, env);
    all += r.out + r.err;
    return r;
  };
  for (const std::string& ctx :
       {std::string("ks-test-token"), std::string("exec-ok"), std::string("exec-fail"),
        std::string("bad-token"), std::string("basic"), std::string("ks-test")}) {
    ks_test::Run add = run({"env", "add", ctx, "--context", ctx});
    ASSERT_EQ(add.code, 0) << add.err;
  }
  EXPECT_EQ(run({"-v", "-v", "apply", "ks-test-token"}).code, 0);
  EXPECT_EQ(run({"-v", "-v", "apply", "exec-ok"}).code, 0);
  EXPECT_EQ(run({"-v", "-v", "diff", "exec-ok"}).code, 0);
  EXPECT_EQ(run({"-v", "-v", "apply", "ks-test"}).code, 0);
  EXPECT_NE(run({"-v", "-v", "apply", "exec-fail"}).code, 0);
  EXPECT_NE(run({"-v", "-v", "apply", "bad-token"}).code, 0);
  EXPECT_NE(run({"-v", "-v", "apply", "basic"}).code, 0);
  EXPECT_NE(run({"-v", "-v", "env", "describe", "bad-token"}).code, -1);
  EXPECT_NE(run({"-v", "-v", "env", "list"}).code, -1);
  // The plugin ran without a shell: its argument arrived verbatim and nothing was executed.
  EXPECT_FALSE(stdfs::exists(app.sb.root() / "pwned"));
  EXPECT_NE(ks_test::read(marker).find("$(touch "), std::string::npos);
  EXPECT_EQ(ks_test::read(marker).rfind("fail|", 0), 0u) << "the kubeconfig's env reached it";
  for (const std::string& secret :
       {token, std::string("WRONG-TOKEN-SECRET-1234"), std::string("BASIC-PASSWORD-SECRET-99"),
        std::string("EXEC-SECRET-OUT-77"), client_key_b64.substr(0, 40)}) {
    EXPECT_EQ(all.find(secret), std::string::npos) << "secret leaked: " << secret << "\n" << all;
  }
  EXPECT_NE(all.find("exit code 3"), std::string::npos) << all;
  // The plugin's stderr is its message to the user ("run sso login"), passed through as kubectl
  // does; its stdout (the credential) never is.
  EXPECT_NE(all.find("EXEC-MESSAGE-ERR-77: run sso login"), std::string::npos) << all;
}

TEST(Credentials, InsecureSkipTlsVerifyWarnsAndVerificationIsOtherwiseOn) {
  App app;
  nlohmann::json kc = ks::yaml::parse(ks_test::read(app.srv.kubeconfig()), "kubeconfig");
  ks_test::write(app.dir / "components" / "web.yaml",
                 "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n");
  // Without the CA, verification fails: ks never falls back to an unverified connection.
  nlohmann::json no_ca = kc;
  for (auto& c : no_ca["clusters"]) c["cluster"].erase("certificate-authority-data");
  ks_test::write(app.sb.root() / "no-ca", ks::yaml::emit(no_ca));
  ks_test::Run r = app.sb.ks({"apply", "default"}, app.dir,
                             {{"KUBECONFIG", (app.sb.root() / "no-ca").string()}});
  EXPECT_NE(r.code, 0);
  EXPECT_NE(r.err.find("TLS certificate verification of https://127.0.0.1"), std::string::npos)
      << r.err;
  nlohmann::json insecure = no_ca;
  for (auto& c : insecure["clusters"]) c["cluster"]["insecure-skip-tls-verify"] = true;
  ks_test::write(app.sb.root() / "insecure", ks::yaml::emit(insecure));
  ks_test::Run w = app.sb.ks({"apply", "default"}, app.dir,
                             {{"KUBECONFIG", (app.sb.root() / "insecure").string()}});
  EXPECT_EQ(w.code, 0) << w.err;
  EXPECT_NE(w.err.find("warning: TLS certificate verification is disabled"), std::string::npos)
      << w.err;
}

}  // namespace
