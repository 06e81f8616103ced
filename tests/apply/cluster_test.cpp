// ks_apply against a cluster: tests of suite ApplyCluster run on both backends (the bundled test
// API server and the real control plane of scripts/cluster, see deploy_cluster.h) with the same
// assertions; ApplyClusterBundled's tests read the bundled server's request log or inject faults.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <map>

#include "apply/apply.h"
#include "base/error.h"
#include "base/strings.h"
#include "deploy_cluster.h"
#include "ks_test.h"
#include "kube/http_client.h"
#include "server_fixture.h"

namespace ks::apply {
namespace {

using ks_test::Backend;
using ks_test::DeployCluster;
using nlohmann::json;

json cm(const std::string& name, const json& data, const std::string& ns = "") {
  json o = {
      {"apiVersion", "v1"}, {"kind", "ConfigMap"}, {"metadata", {{"name", name}}}, {"data", data}};
  if (!ns.empty()) o["metadata"]["namespace"] = ns;
  return o;
}

json deployment(const std::string& name, const std::string& image) {
  return json::parse(
      R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":")" + name +
      R"("},"spec":{"replicas":1,"selector":{"matchLabels":{"app":"x"}},"template":{"metadata":{"labels":{"app":"x"}},"spec":{"containers":[{"name":"c","image":")" +
      image + R"("}]}}}})");
}

json ns_object(const std::string& name) {
  return {{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", name}}}};
}

// `ns` empty: the cluster's namespace for this test ("default" on the bundled server).
kube::Target target_of(const DeployCluster& srv, const std::string& ns = "",
                       const std::string& context = "") {
  return {srv.kubeconfig(), context.empty() ? srv.context() : context, srv.server(),
          ns.empty() ? srv.ns() : ns, false};
}

kube::SessionOptions quick_session() {
  kube::SessionOptions s;
  s.discovery_cache_dir = "";
  s.retry.initial_delay = std::chrono::milliseconds(20);
  return s;
}

ApplyOptions apply_options(const std::string& env = "dev") {
  ApplyOptions o;
  o.identity = {"guestbook", env};
  o.session = quick_session();
  return o;
}

// A direct request, e.g. to read objects or to seed another field manager.
kube::Response raw(const DeployCluster& srv, const std::string& method, const std::string& path,
                   const std::string& body = "", const std::string& content_type = "") {
  kube::HttpClient client(kube::resolve_target({srv.kubeconfig(), srv.context(), "", "", false}));
  kube::Request req;
  req.method = method;
  req.path = path;
  req.body = body;
  req.content_type = content_type;
  return client.send(req);
}

json get(const DeployCluster& srv, const std::string& path) {
  kube::Response r = raw(srv, "GET", path);
  if (r.status == 404) return nullptr;
  EXPECT_EQ(r.status, 200) << path << ": " << r.body;
  return json::parse(r.body);
}

std::vector<std::string> actions(const Report& r) {
  std::vector<std::string> out;
  for (const ObjectResult& o : r.objects) out.push_back(action_name(o.action));
  return out;
}

std::vector<json> requests_matching(const DeployCluster& srv, const std::string& method,
                                    const std::string& path_part) {
  std::vector<json> out;
  for (const json& e : srv.requests())
    if (e.value("method", "") == method && e.value("path", "").find(path_part) != std::string::npos)
      out.push_back(e);
  return out;
}

// Path of a namespaced object in the test's namespace, e.g. ns_path(srv, "configmaps/c").
std::string ns_path(const DeployCluster& srv, const std::string& rest,
                    const std::string& prefix = "/api/v1") {
  return prefix + "/namespaces/" + srv.ns() + "/" + rest;
}

class ApplyCluster : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override { KS_REQUIRE_BACKEND(GetParam()); }
  Backend backend() const { return GetParam(); }
};
INSTANTIATE_TEST_SUITE_P(Backends, ApplyCluster, ks_test::kBothBackends, ks_test::backend_name);

TEST_P(ApplyCluster, ApplyCreatesThenReportsUnchangedThenConfigured) {
  DeployCluster srv(backend());
  const std::string demo = srv.own_namespace("demo");
  std::vector<json> objects{deployment("web", "nginx:1"), cm("settings", {{"a", "1"}}, demo),
                            ns_object(demo)};
  kube::Target target = target_of(srv, demo);
  std::vector<std::string> streamed;
  ApplyOptions o = apply_options();
  o.on_result = [&](const ObjectResult& r) { streamed.push_back(result_line(r)); };
  Report first = apply(target, objects, o);
  EXPECT_TRUE(first.ok());
  EXPECT_EQ(actions(first), (std::vector<std::string>{"created", "created", "created"}));
  EXPECT_EQ(apply_summary(first),
            "applied 3 objects: 3 created, 0 configured, 0 unchanged, 0 failed");
  ASSERT_EQ(streamed.size(), 3u);
  EXPECT_EQ(streamed[0], "created namespace " + demo);  // Namespaces go first
  EXPECT_NE(std::find(streamed.begin(), streamed.end(), "created deployment " + demo + "/web"),
            streamed.end());

  const std::string settings = "/api/v1/namespaces/" + demo + "/configmaps/settings";
  json live = get(srv, settings);
  ASSERT_TRUE(live.is_object());
  json labels = live["metadata"]["labels"];
  EXPECT_EQ(labels["app.kubernetes.io/managed-by"], "ks");
  EXPECT_EQ(labels["ks.io/app"], "guestbook");
  EXPECT_EQ(labels["ks.io/env"], "dev");
  ApplySet set = make_applyset({"guestbook", "dev"}, demo);
  EXPECT_EQ(labels["applyset.kubernetes.io/part-of"], set.id);
  json parent = get(srv, "/api/v1/namespaces/" + demo + "/secrets/" + set.parent_name);
  ASSERT_TRUE(parent.is_object());
  EXPECT_EQ(parent["metadata"]["labels"]["applyset.kubernetes.io/id"], set.id);
  EXPECT_EQ(parent["metadata"]["annotations"]["applyset.kubernetes.io/tooling"], "ks/v1");
  EXPECT_EQ(parent["metadata"]["annotations"]["applyset.kubernetes.io/contains-group-kinds"],
            "ConfigMap,Deployment.apps,Namespace");

  if (srv.bundled()) {
    auto patches = requests_matching(srv, "PATCH", "/configmaps/settings");
    ASSERT_FALSE(patches.empty());
    EXPECT_EQ(patches[0]["content_type"], "application/apply-patch+yaml");
    EXPECT_EQ(patches[0]["field_manager"], "ks");
    EXPECT_NE(patches[0]["query"].get<std::string>().find("force=false"), std::string::npos);
  }

  Report second = apply(target, objects, o);
  EXPECT_EQ(actions(second), (std::vector<std::string>{"unchanged", "unchanged", "unchanged"}));
  std::string rv = get(srv, settings)["metadata"]["resourceVersion"];
  EXPECT_EQ(rv, live["metadata"]["resourceVersion"]);

  objects[1]["data"]["a"] = "2";
  Report third = apply(target, objects, o);
  EXPECT_EQ(actions(third), (std::vector<std::string>{"unchanged", "configured", "unchanged"}));
  EXPECT_EQ(get(srv, settings)["data"]["a"], "2");
}

TEST_P(ApplyCluster, ConflictFailsWithoutForceAndSucceedsWithIt) {
  DeployCluster srv(backend());
  kube::Target target = target_of(srv);
  ASSERT_TRUE(apply(target, {cm("c", {{"a", "1"}})}, apply_options()).ok());
  kube::Response seeded = raw(srv, "PATCH", ns_path(srv, "configmaps/c?fieldManager=other"),
                              R"({"data":{"a":"9"}})", "application/merge-patch+json");
  ASSERT_EQ(seeded.status, 200) << seeded.body;
  Report r = apply(target, {cm("c", {{"a", "2"}})}, apply_options());
  ASSERT_EQ(r.objects.size(), 1u);
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.objects[0].action, Action::Failed);
  EXPECT_NE(r.objects[0].message.find("conflict with \"other\""), std::string::npos)
      << r.objects[0].message;
  EXPECT_NE(r.objects[0].message.find(".data.a"), std::string::npos) << r.objects[0].message;
  EXPECT_NE(r.objects[0].message.find("--force-conflicts"), std::string::npos);
  EXPECT_EQ(get(srv, ns_path(srv, "configmaps/c"))["data"]["a"], "9");

  ApplyOptions forced = apply_options();
  forced.force_conflicts = true;
  Report f = apply(target, {cm("c", {{"a", "2"}})}, forced);
  EXPECT_TRUE(f.ok());
  EXPECT_EQ(f.objects[0].action, Action::Configured);
  EXPECT_EQ(get(srv, ns_path(srv, "configmaps/c"))["data"]["a"], "2");
}

TEST_P(ApplyCluster, PruneDeletesOnlyRemovedMembers) {
  DeployCluster srv(backend());
  kube::Target target = target_of(srv);
  ASSERT_TRUE(apply(target,
                    {cm("keep", {{"k", "1"}}), cm("drop", {{"k", "1"}}), deployment("old", "x:1")},
                    apply_options())
                  .ok());
  ASSERT_TRUE(apply(target, {cm("other-env", {{"k", "1"}})}, apply_options("prod")).ok());
  kube::Response foreign =
      raw(srv, "PATCH", ns_path(srv, "configmaps/foreign?fieldManager=kubectl&force=true"),
          cm("foreign", {{"k", "1"}}, srv.ns()).dump(), "application/apply-patch+yaml");
  ASSERT_EQ(foreign.status, 201) << foreign.body;

  ApplyOptions o = apply_options();
  o.prune = true;
  o.prune_limit.max = 2;  // more than this apply keeps: allowed explicitly
  Report r = apply(target, {cm("keep", {{"k", "1"}})}, o);
  EXPECT_TRUE(r.ok());
  std::vector<std::string> pruned;
  for (const ObjectResult& p : r.pruned) pruned.push_back(result_line(p));
  std::sort(pruned.begin(), pruned.end());
  EXPECT_EQ(pruned, (std::vector<std::string>{"pruned configmap " + srv.ns() + "/drop",
                                              "pruned deployment " + srv.ns() + "/old"}));
  EXPECT_TRUE(get(srv, ns_path(srv, "configmaps/keep")).is_object());
  EXPECT_TRUE(get(srv, ns_path(srv, "configmaps/drop")).is_null());
  EXPECT_TRUE(get(srv, ns_path(srv, "deployments/old", "/apis/apps/v1")).is_null());
  EXPECT_TRUE(get(srv, ns_path(srv, "configmaps/other-env")).is_object());
  EXPECT_TRUE(get(srv, ns_path(srv, "configmaps/foreign")).is_object());
  ApplySet set = make_applyset({"guestbook", "dev"}, srv.ns());
  json parent = get(srv, ns_path(srv, "secrets/" + set.parent_name));
  EXPECT_EQ(parent["metadata"]["annotations"]["applyset.kubernetes.io/contains-group-kinds"],
            "ConfigMap");
  // Nothing left to prune: a second run is quiet.
  EXPECT_TRUE(apply(target, {cm("keep", {{"k", "1"}})}, o).pruned.empty());
}

TEST_P(ApplyCluster, CrdBeforeItsCustomResources) {
  DeployCluster srv(backend(), ks_test::bundled_args({"--crd-establish-delay-ms", "400"}));
  srv.delete_after("customresourcedefinition/widgets.example.com");
  json crd =
      json::parse(R"({"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition",
    "metadata":{"name":"widgets.example.com"},
    "spec":{"group":"example.com","scope":"Namespaced",
      "names":{"plural":"widgets","singular":"widget","kind":"Widget","listKind":"WidgetList"},
      "versions":[{"name":"v1","served":true,"storage":true,
        "schema":{"openAPIV3Schema":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}]}})");
  json widget = {{"apiVersion", "example.com/v1"},
                 {"kind", "Widget"},
                 {"metadata", {{"name", "w1"}}},
                 {"spec", {{"size", 3}}}};
  Report r = apply(target_of(srv), {widget, crd}, apply_options());
  ASSERT_TRUE(r.ok()) << (r.failures().empty() ? "" : r.failures()[0].message);
  EXPECT_EQ(actions(r), (std::vector<std::string>{"created", "created"}));
  json live = get(srv, ns_path(srv, "widgets/w1", "/apis/example.com/v1"));
  ASSERT_TRUE(live.is_object());
  EXPECT_EQ(live["spec"]["size"], 3);
}

TEST(ApplyClusterBundled, FaultsConverge) {
  DeployCluster srv(
      Backend::Bundled,
      ks_test::bundled_args(
          {"--faults", "rate=0.5,kinds=429+500+503+drop,seed=11,max=6,methods=GET+PATCH"}));
  std::vector<json> objects;
  for (int i = 0; i < 5; ++i)
    objects.push_back(cm("c" + std::to_string(i), {{"i", std::to_string(i)}}));
  Report r = apply(target_of(srv), objects, apply_options());
  EXPECT_TRUE(r.ok()) << (r.failures().empty() ? "" : r.failures()[0].message);
  EXPECT_EQ(r.count(Action::Created), 5);
  int faulted = 0;
  for (const json& e : srv.requests())
    if (!e.value("fault", "").empty()) ++faulted;
  EXPECT_GT(faulted, 0);
  for (int i = 0; i < 5; ++i)
    EXPECT_TRUE(get(srv, ns_path(srv, "configmaps/c" + std::to_string(i))).is_object());
}

TEST(ApplyClusterBundled, ServerErrorsAreNotRetriedForever) {
  DeployCluster srv(Backend::Bundled, ks_test::bundled_args({"--faults", "fail-name=^doomed$"}));
  ApplyOptions o = apply_options();
  o.session.retry.max_attempts = 3;
  Report r = apply(target_of(srv), {cm("doomed", {{"a", "1"}}), cm("fine", {{"a", "1"}})}, o);
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.objects[0].action, Action::Failed);
  EXPECT_EQ(r.objects[1].action, Action::Created);
  EXPECT_EQ(requests_matching(srv, "PATCH", "/configmaps/doomed").size(), 3u);
}

TEST_P(ApplyCluster, WrongServerIsRefused) {
  DeployCluster srv(backend());
  kube::Target target = target_of(srv);
  target.server = "https://127.0.0.1:1";
  try {
    apply(target, {cm("c", {{"a", "1"}})}, apply_options());
    FAIL() << "expected the server check to refuse";
  } catch (const Error& e) {
    std::string msg = e.what();
    EXPECT_NE(msg.find("https://127.0.0.1:1"), std::string::npos) << msg;
    EXPECT_NE(msg.find(srv.server()), std::string::npos) << msg;
  }
  if (srv.bundled()) {
    EXPECT_TRUE(requests_matching(srv, "PATCH", "").empty());
  }
  EXPECT_TRUE(get(srv, ns_path(srv, "configmaps/c")).is_null());
  target.skip_server_check = true;
  std::vector<std::string> warnings;
  ApplyOptions o = apply_options();
  o.on_warning = [&](const std::string& w) { warnings.push_back(w); };
  EXPECT_TRUE(apply(target, {cm("c", {{"a", "1"}})}, o).ok());
  EXPECT_EQ(warnings.size(), 1u);
}

TEST_P(ApplyCluster, TokenAndClientCertificateAuth) {
  DeployCluster srv(backend());
  EXPECT_TRUE(apply(target_of(srv, "", srv.context() + "-token"), {cm("by-token", {{"a", "1"}})},
                    apply_options())
                  .ok());
  EXPECT_TRUE(apply(target_of(srv), {cm("by-cert", {{"a", "1"}})}, apply_options()).ok());
  EXPECT_TRUE(get(srv, ns_path(srv, "configmaps/by-token")).is_object());
  EXPECT_TRUE(get(srv, ns_path(srv, "configmaps/by-cert")).is_object());
  if (!srv.bundled()) return;  // which user sent each request: the bundled server's log
  auto token_patch = requests_matching(srv, "PATCH", "/configmaps/by-token");
  auto cert_patch = requests_matching(srv, "PATCH", "/configmaps/by-cert");
  ASSERT_FALSE(token_patch.empty());
  ASSERT_FALSE(cert_patch.empty());
  EXPECT_FALSE(token_patch[0]["user"].get<std::string>().empty());
  EXPECT_FALSE(cert_patch[0]["user"].get<std::string>().empty());
  EXPECT_NE(token_patch[0]["user"], cert_patch[0]["user"]);
}

TEST_P(ApplyCluster, ExecPluginTokenAndWrongToken) {
  DeployCluster srv(backend());
  ks_test::Sandbox sb;
  std::string plugin = (sb.root() / "plugin.sh").string();
  ks_test::write(
      plugin,
      "#!/bin/sh\necho x >> " + (sb.root() / "runs").string() +
          "\necho '{\"kind\":\"ExecCredential\",\"apiVersion\":\"client.authentication.k8s.io/v1\","
          "\"status\":{\"token\":\"" +
          srv.token() + "\"}}'\n");
  ::chmod(plugin.c_str(), 0755);
  kube::KubeConfig base = kube::load_kubeconfig(srv.kubeconfig());
  // A second kubeconfig file adds users and contexts for the generated cluster entry.
  std::string extra = (sb.root() / "exec.yaml").string();
  ks_test::write(extra,
                 "users:\n- name: exec-user\n  user:\n    exec:\n      apiVersion: "
                 "client.authentication.k8s.io/v1\n"
                 "      command: ./plugin.sh\n      interactiveMode: Never\n"
                 "- name: bad-user\n  user:\n    token: wrong-token\n"
                 "contexts:\n- name: exec\n  context: {cluster: " +
                     base.contexts.at(srv.context()).cluster +
                     ", user: exec-user}\n- name: bad\n  context: {cluster: " +
                     base.contexts.at(srv.context()).cluster + ", user: bad-user}\n");
  ::setenv("KUBECONFIG", (srv.kubeconfig() + ":" + extra).c_str(), 1);
  kube::Target exec_target{"", "exec", srv.server(), srv.ns(), false};
  Report r = apply(exec_target, {cm("via-exec", {{"a", "1"}}), cm("via-exec2", {{"a", "1"}})},
                   apply_options());
  EXPECT_TRUE(r.ok()) << (r.failures().empty() ? "" : r.failures()[0].message);
  EXPECT_EQ(ks_test::read(sb.root() / "runs"), "x\n");  // cached for the whole run

  kube::Target bad{"", "bad", srv.server(), srv.ns(), false};
  try {
    apply(bad, {cm("nope", {{"a", "1"}})}, apply_options());
    FAIL() << "expected discovery to be refused";
  } catch (const Error& e) {
    std::string msg = e.what();
    EXPECT_NE(msg.find("Unauthorized"), std::string::npos) << msg;
    EXPECT_EQ(msg.find("wrong-token"), std::string::npos) << msg;
  }
  ::unsetenv("KUBECONFIG");
}

TEST_P(ApplyCluster, DryRunChangesNothing) {
  DeployCluster srv(backend());
  kube::Target target = target_of(srv);
  ASSERT_TRUE(apply(target, {cm("existing", {{"a", "1"}})}, apply_options()).ok());
  if (srv.bundled()) srv.reset_log();
  const std::string newns = srv.own_namespace("newns");
  ApplyOptions o = apply_options();
  o.dry_run = true;
  o.prune = true;
  Report r = apply(target,
                   {cm("existing", {{"a", "2"}}), cm("fresh", {{"a", "1"}}), ns_object(newns),
                    cm("inside", {{"a", "1"}}, newns)},
                   o);
  EXPECT_TRUE(r.ok()) << (r.failures().empty() ? "" : r.failures()[0].message);
  EXPECT_EQ(actions(r), (std::vector<std::string>{"configured", "created", "created", "created"}));
  EXPECT_EQ(apply_summary(r),
            "applied 4 objects (dry run): 3 created, 1 configured, 0 unchanged, 0 failed");
  EXPECT_EQ(get(srv, ns_path(srv, "configmaps/existing"))["data"]["a"], "1");
  EXPECT_TRUE(get(srv, ns_path(srv, "configmaps/fresh")).is_null());
  EXPECT_TRUE(get(srv, "/api/v1/namespaces/" + newns).is_null());
  if (!srv.bundled()) return;  // which requests were dry runs: the bundled server's log
  for (const json& e : srv.requests()) {
    std::string m = e.value("method", "");
    if (m == "GET") continue;
    EXPECT_NE(e.value("query", "").find("dryRun=All"), std::string::npos)
        << m << " " << e.value("path", "");
  }
}

TEST_P(ApplyCluster, DeleteRemovesEverythingAndRepeats) {
  DeployCluster srv(backend());
  const std::string gone = srv.own_namespace("gone");
  kube::Target target = target_of(srv, gone);
  std::vector<json> objects{ns_object(gone), cm("a", {{"k", "1"}}), deployment("d", "x:1")};
  ASSERT_TRUE(apply(target, objects, apply_options()).ok());
  if (srv.bundled()) srv.reset_log();
  DeleteOptions o;
  o.identity = {"guestbook", "dev"};
  o.session = quick_session();
  o.propagation = "Background";
  o.grace_period_seconds = 0;
  o.wait = true;
  o.timeout = std::chrono::seconds(30);
  Report r = delete_objects(target, objects, o);
  EXPECT_TRUE(r.ok()) << (r.failures().empty() ? "" : r.failures()[0].message);
  EXPECT_EQ(actions(r), (std::vector<std::string>{"deleted", "deleted", "deleted"}));
  if (srv.bundled()) {
    auto deletes = requests_matching(srv, "DELETE", "");
    ASSERT_EQ(deletes.size(), 3u);
    EXPECT_EQ(deletes.back()["path"], "/api/v1/namespaces/" + gone);  // Namespaces last
    json body = json::parse(deletes[0]["body"].get<std::string>());
    EXPECT_EQ(body["propagationPolicy"], "Background");
    EXPECT_EQ(body["gracePeriodSeconds"], 0);
  }
  EXPECT_TRUE(get(srv, "/api/v1/namespaces/" + gone + "/configmaps/a").is_null());
  EXPECT_TRUE(get(srv, "/api/v1/namespaces/" + gone).is_null());  // --wait saw it go

  o.wait = false;
  Report again = delete_objects(target, objects, o);
  EXPECT_TRUE(again.ok());
  EXPECT_EQ(actions(again), (std::vector<std::string>{"not found", "not found", "not found"}));
  EXPECT_EQ(delete_summary(again), "deleted 3 objects: 0 deleted, 3 not found, 0 failed");
}

TEST_P(ApplyCluster, DiffShowsOnlyRealChanges) {
  ::unsetenv("KS_EXTERNAL_DIFF");
  DeployCluster srv(backend());
  kube::Target target = target_of(srv);
  std::vector<json> objects{cm("a", {{"k", "1"}}), deployment("d", "nginx:1")};
  ASSERT_TRUE(apply(target, objects, apply_options()).ok());
  DiffOptions o;
  o.identity = {"guestbook", "dev"};
  o.session = quick_session();
  DiffResult same = diff(target, objects, o);
  EXPECT_TRUE(same.errors.empty());
  EXPECT_FALSE(same.differs) << same.text;
  EXPECT_EQ(same.text, "");

  objects[1]["spec"]["template"]["spec"]["containers"][0]["image"] = "nginx:2";
  objects.push_back(cm("new", {{"k", "1"}}));
  DiffResult d = diff(target, objects, o);
  EXPECT_TRUE(d.errors.empty());
  EXPECT_TRUE(d.differs);
  const std::string name = "apps.v1.Deployment." + srv.ns() + ".d";
  EXPECT_NE(d.text.find("--- live/" + name + "\n+++ merged/" + name + "\n"), std::string::npos)
      << d.text;
  EXPECT_NE(d.text.find("-      - image: nginx:1\n+      - image: nginx:2\n"), std::string::npos)
      << d.text;
  EXPECT_NE(d.text.find("@@ -0,0 +1,"), std::string::npos) << d.text;
  EXPECT_EQ(d.text.find("managedFields"), std::string::npos) << d.text;
  EXPECT_EQ(d.text.find("resourceVersion"), std::string::npos) << d.text;
  EXPECT_EQ(
      get(srv, ns_path(srv, "deployments/d",
                       "/apis/apps/v1"))["spec"]["template"]["spec"]["containers"][0]["image"],
      "nginx:1");
}

TEST_P(ApplyCluster, ValidateReportsEveryInvalidObject) {
  DeployCluster srv(backend());
  ValidateOptions o;
  o.identity = {"guestbook", "dev"};
  o.session = quick_session();
  json unknown = {
      {"apiVersion", "nope.example/v1"}, {"kind", "Thing"}, {"metadata", {{"name", "t"}}}};
  Report r = validate(
      target_of(srv),
      {cm("Bad_Name", {{"a", "1"}}), cm("good", {{"a", "1"}}), unknown, cm("Also_Bad", {})}, o);
  EXPECT_EQ(actions(r), (std::vector<std::string>{"failed", "valid", "failed", "failed"}));
  EXPECT_NE(r.objects[2].message.find("does not serve kind Thing"), std::string::npos)
      << r.objects[2].message;
  EXPECT_TRUE(get(srv, ns_path(srv, "configmaps/good")).is_null());
}

TEST_P(ApplyCluster, WaitTimesOutOnAWorkloadThatNeverBecomesReady) {
  // The bundled server runs no controllers, so no Deployment ever reports available replicas;
  // on the real cluster this one's pod cannot be scheduled: no node has the label it selects.
  DeployCluster srv(backend());
  json slow = deployment("slow", "x:1");
  slow["spec"]["template"]["spec"]["nodeSelector"] = {{"ks.io/test-no-such-node", "true"}};
  ApplyOptions o = apply_options();
  o.wait = true;
  o.timeout = std::chrono::seconds(3);
  std::vector<std::string> notices;
  o.session.on_waiting = [&](const std::string& n) { notices.push_back(n); };
  Report r = apply(target_of(srv), {slow, cm("plain", {{"a", "1"}})}, o);
  EXPECT_EQ(actions(r), (std::vector<std::string>{"created", "created"}));
  ASSERT_EQ(r.waited.size(), 1u);  // only workloads are waited for
  EXPECT_EQ(r.waited[0].action, Action::NotReady);
  EXPECT_EQ(r.waited[0].ref.name, "slow");
  EXPECT_NE(r.waited[0].message.find("--timeout 3s expired: "), std::string::npos)
      << r.waited[0].message;
  EXPECT_FALSE(r.ok());
  // The summary and the closing message agree: nothing failed to apply, one is not ready.
  EXPECT_EQ(apply_summary(r),
            "applied 2 objects: 2 created, 0 configured, 0 unchanged, 0 failed; 0 ready, 1 not "
            "ready");
  EXPECT_EQ(failure_message(r, "apply"),
            "1 object not ready: deployment " + srv.ns() + "/slow (see the lines above)");
  // The wait said what it waited for, and its bound, while it lasted.
  ASSERT_FALSE(notices.empty());
  EXPECT_NE(notices[0].find("waiting for deployment " + srv.ns() + "/slow to become ready: "),
            std::string::npos)
      << notices[0];
  EXPECT_NE(notices[0].find("up to --timeout 3s)"), std::string::npos) << notices[0];
}

// Only the real control plane runs controllers and kwok's stand-in kubelet, so only there do
// workloads really become ready, or really fail.
class ApplyClusterReal : public ::testing::Test {
 protected:
  void SetUp() override { KS_REQUIRE_BACKEND(Backend::Real); }
};

json workload(const std::string& kind, const std::string& name, const json& pod_spec) {
  json o = {{"apiVersion", kind == "Job" ? "batch/v1" : "apps/v1"},
            {"kind", kind},
            {"metadata", {{"name", name}}}};
  o["spec"]["template"]["metadata"]["labels"] = {{"app", name}};
  o["spec"]["template"]["spec"] = pod_spec;
  if (kind != "Job") {
    o["spec"]["replicas"] = 1;
    o["spec"]["selector"] = {{"matchLabels", {{"app", name}}}};
  }
  if (kind == "StatefulSet") o["spec"]["serviceName"] = name;
  return o;
}

TEST_F(ApplyClusterReal, WaitSeesWorkloadsBecomeReadyOrReallyFail) {
  DeployCluster srv(Backend::Real);
  json containers = json::array({{{"name", "c"}, {"image", "example.com/app:1"}}});
  json run_once = {{"containers", containers}, {"restartPolicy", "Never"}};
  json unschedulable = run_once;
  unschedulable["nodeSelector"] = {{"ks.io/test-no-such-node", "true"}};
  json doomed = workload("Job", "doomed", unschedulable);
  doomed["spec"]["activeDeadlineSeconds"] = 2;  // pending past its deadline: the Job fails
  doomed["spec"]["backoffLimit"] = 0;
  ApplyOptions o = apply_options();
  o.wait = true;
  o.timeout = std::chrono::seconds(120);
  Report r = apply(target_of(srv),
                   {workload("Deployment", "web", {{"containers", containers}}),
                    workload("StatefulSet", "db", {{"containers", containers}}),
                    workload("Job", "batch", run_once), doomed},
                   o);
  std::map<std::string, ObjectResult> waited;
  for (const ObjectResult& w : r.waited) waited[w.ref.name] = w;
  ASSERT_EQ(waited.size(), 4u);
  for (const char* ready : {"web", "db", "batch"}) {
    EXPECT_EQ(waited[ready].action, Action::Ready) << ready << ": " << waited[ready].message;
  }
  EXPECT_EQ(waited["doomed"].action, Action::NotReady);  // applied, then failed
  EXPECT_NE(waited["doomed"].message.find("the job failed"), std::string::npos)
      << waited["doomed"].message;
  EXPECT_FALSE(r.ok());
  // The oracle agrees: the Deployment's pod runs and is Ready, the Job's pod Succeeded.
  ks_test::Run pods = srv.kubectl(
      {"get", "pods", "-l", "app in (web,batch)", "-n", srv.ns(), "-o",
       R"(jsonpath={range .items[*]}{.metadata.labels.app} {.status.phase} {.status.conditions[?(@.type=="Ready")].status}{"\n"}{end})"});
  ASSERT_EQ(pods.code, 0) << pods.err;
  EXPECT_NE(pods.out.find("web Running True\n"), std::string::npos) << pods.out;
  EXPECT_NE(pods.out.find("batch Succeeded"), std::string::npos) << pods.out;
}

TEST(ApplyClusterBundled, DiscoveryIsCachedOnDisk) {
  DeployCluster srv(Backend::Bundled);
  ks_test::Sandbox sb;
  ApplyOptions o = apply_options();
  o.session.discovery_cache_dir = (sb.root() / "cache").string();
  ASSERT_TRUE(apply(target_of(srv), {cm("a", {{"k", "1"}})}, o).ok());
  EXPECT_FALSE(ks::fs::list_dir(sb.root() / "cache").empty());
  srv.reset_log();
  ASSERT_TRUE(apply(target_of(srv), {cm("a", {{"k", "1"}})}, o).ok());
  ASSERT_FALSE(srv.requests().empty());
  for (const json& e : srv.requests()) {  // discovery came from the cache
    EXPECT_NE(e.value("path", ""), "/api");
    EXPECT_NE(e.value("path", ""), "/apis");
  }
}

}  // namespace
}  // namespace ks::apply

namespace ks::apply {
namespace {

bool touches_member(const json& request) {
  std::string path = request.value("path", "");
  return path.find("/configmaps/") != std::string::npos ||
         path.find("/deployments/") != std::string::npos;
}

TEST(ApplyClusterBundled, ReapplyOfUnchangedObjectsOnlyReadsLists) {
  DeployCluster srv(Backend::Bundled);
  kube::Target target = target_of(srv);
  std::vector<json> objects = {cm("a", {{"k", "1"}}), cm("b", {{"k", "2"}}),
                               deployment("web", "nginx:1")};
  ASSERT_TRUE(apply(target, objects, apply_options()).ok());
  srv.reset_log();
  Report again = apply(target, objects, apply_options());
  EXPECT_TRUE(again.ok());
  EXPECT_EQ(again.count(Action::Unchanged), 3u);
  int lists = 0;
  for (const json& r : srv.requests()) {
    // Neither a PATCH nor a GET per object: the live copies come from one list per collection.
    EXPECT_FALSE(touches_member(r)) << r.dump();
    std::string path = r.value("path", "");
    if (path.size() >= 11 && (path.compare(path.size() - 11, 11, "/configmaps") == 0 ||
                              path.compare(path.size() - 12, 12, "/deployments") == 0))
      ++lists;
  }
  EXPECT_EQ(lists, 2);
}

TEST_P(ApplyCluster, DriftAndDroppedFieldsAreStillApplied) {
  DeployCluster srv(backend());
  kube::Target target = target_of(srv);
  const std::string path = ns_path(srv, "configmaps/c");
  ASSERT_TRUE(apply(target, {cm("c", {{"a", "1"}, {"b", "2"}})}, apply_options()).ok());
  // Another writer changes a value ks owns: the digest still matches, the value does not.
  kube::Response edit = raw(srv, "PATCH", path + "?fieldManager=kubectl-edit",
                            R"({"data":{"a":"9"}})", "application/merge-patch+json");
  ASSERT_EQ(edit.status, 200) << edit.body;
  // So the object is sent, and the server reports the other writer's claim (not "unchanged").
  Report noticed = apply(target, {cm("c", {{"a", "1"}, {"b", "2"}})}, apply_options());
  EXPECT_EQ(actions(noticed), std::vector<std::string>{"failed"});
  EXPECT_NE(noticed.objects[0].message.find("kubectl-edit"), std::string::npos)
      << noticed.objects[0].message;
  ApplyOptions forced = apply_options();
  forced.force_conflicts = true;
  Report repaired = apply(target, {cm("c", {{"a", "1"}, {"b", "2"}})}, forced);
  EXPECT_EQ(actions(repaired), std::vector<std::string>{"configured"});
  EXPECT_EQ(get(srv, path)["data"]["a"], "1");
  // A field dropped from the object is removed, although every remaining value is live.
  Report dropped = apply(target, {cm("c", {{"a", "1"}})}, apply_options());
  EXPECT_EQ(actions(dropped), std::vector<std::string>{"configured"});
  EXPECT_FALSE(get(srv, path)["data"].contains("b"));
}

}  // namespace
}  // namespace ks::apply

namespace ks::apply {
namespace {

bool has_write(const DeployCluster& srv) {
  for (const json& e : srv.requests()) {
    std::string m = e.value("method", "");
    if (m != "GET" && e.value("query", "").find("dryRun=All") == std::string::npos) return true;
  }
  return false;
}

std::string failure_text(const Report& r) {
  std::string out;
  for (const ObjectResult& f : r.failures()) out += result_line(f) + "\n";
  return out;
}

TEST(ApplyClusterBundled, PruneRefusesToDeleteMoreThanItKeepsUnlessAllowed) {
  DeployCluster srv(Backend::Bundled);
  kube::Target target = target_of(srv);
  ASSERT_TRUE(apply(target,
                    {cm("keep", {{"k", "1"}}), cm("b", {{"k", "1"}}), cm("c", {{"k", "1"}}),
                     cm("d", {{"k", "1"}})},
                    apply_options())
                  .ok());
  srv.reset_log();
  ApplyOptions o = apply_options();
  o.prune = true;
  try {
    apply(target, {cm("keep", {{"k", "2"}})}, o);
    FAIL() << "expected prune to refuse deleting 3 objects while keeping 1";
  } catch (const Error& e) {
    std::string msg = e.what();
    EXPECT_NE(msg.find("--prune would delete 3 objects, more than the 1 object this apply keeps"),
              std::string::npos)
        << msg;
    for (const char* name : {"b", "c", "d"})
      EXPECT_NE(msg.find(std::string("would prune configmap default/") + name), std::string::npos)
          << msg;
    EXPECT_NE(msg.find("--yes"), std::string::npos) << msg;
    EXPECT_NE(msg.find("--prune-max 3"), std::string::npos) << msg;
  }
  EXPECT_FALSE(has_write(srv));  // refused before anything was written, the apply included
  EXPECT_EQ(get(srv, "/api/v1/namespaces/default/configmaps/keep")["data"]["k"], "1");

  o.prune_limit.max = 2;
  EXPECT_THROW(apply(target, {cm("keep", {{"k", "2"}})}, o), Error);
  o.prune_limit.max = 3;
  Report r = apply(target, {cm("keep", {{"k", "2"}})}, o);
  EXPECT_TRUE(r.ok()) << failure_text(r);
  EXPECT_EQ(r.pruned.size(), 3u);
  EXPECT_TRUE(get(srv, "/api/v1/namespaces/default/configmaps/b").is_null());
  EXPECT_EQ(get(srv, "/api/v1/namespaces/default/configmaps/keep")["data"]["k"], "2");
}

TEST_P(ApplyCluster, UnsafeNamesAreRefusedBeforeAnyRequest) {
  DeployCluster srv(backend());
  // What a ConfigMap named `.` used to take with it: every ConfigMap of the namespace.
  ASSERT_TRUE(apply(target_of(srv), {cm("victim", {{"a", "1"}})}, apply_options("other")).ok());
  if (srv.bundled()) srv.reset_log();
  json dot = cm(".", {{"a", "1"}});
  dot["metadata"]["labels"]["ksonnet.io/component"] = "evil";
  json role = {{"apiVersion", "rbac.authorization.k8s.io/v1"},
               {"kind", "ClusterRole"},
               {"metadata", {{"name", "."}, {"labels", {{"ksonnet.io/component", "evil"}}}}}};
  std::vector<json> objects{cm("fine", {{"a", "1"}}), dot,
                            cm("..", {{"a", "1"}}),   role,
                            cm("a/b", {{"a", "1"}}),  cm("x", {{"a", "1"}}, "..")};
  DeleteOptions d;
  d.identity = {"guestbook", "dev"};
  d.session = quick_session();
  for (int verb = 0; verb < 2; ++verb) {
    try {
      if (verb == 0)
        apply(target_of(srv), objects, apply_options());
      else
        delete_objects(target_of(srv), objects, d);
      FAIL() << "expected the names to be refused";
    } catch (const Error& e) {
      std::string msg = e.what();
      EXPECT_NE(msg.find("5 objects have a name the API server would misread or reject"),
                std::string::npos)
          << msg;
      EXPECT_NE(msg.find("\n  component evil: configmap \".\": metadata.name \".\" may not be '.'"),
                std::string::npos)
          << msg;
      EXPECT_NE(msg.find("\n  component evil: clusterrole \".\": metadata.name \".\" may not be "
                         "'.'"),
                std::string::npos)
          << msg;
      EXPECT_NE(msg.find("configmap \"..\": metadata.name \"..\" may not be '..'"),
                std::string::npos)
          << msg;
      EXPECT_NE(msg.find("may not contain '/'"), std::string::npos) << msg;
      EXPECT_NE(msg.find("metadata.namespace \"..\""), std::string::npos) << msg;
    }
  }
  if (srv.bundled()) {
    EXPECT_TRUE(srv.requests().empty()) << srv.requests().dump();
  }
  EXPECT_TRUE(get(srv, ns_path(srv, "configmaps/victim")).is_object());
  EXPECT_TRUE(get(srv, "/api/v1/namespaces/" + srv.ns()).is_object());
}

TEST(ApplyClusterBundled, ADeadServerStopsTheApplyWithOneMessage) {
  DeployCluster srv(Backend::Bundled);
  std::vector<json> objects;
  for (int i = 0; i < 20; ++i) objects.push_back(cm("c" + std::to_string(i), {{"i", "1"}}));
  ApplyOptions o = apply_options();
  o.concurrency = 1;
  std::vector<std::string> lines;
  o.on_result = [&](const ObjectResult& r) {
    lines.push_back(result_line(r));
    if (lines.size() == 1) srv.bundled()->crash();  // the API server dies after the first object
  };
  try {
    Report r = apply(target_of(srv), objects, o);
    FAIL() << "expected the apply to stop; got " << apply_summary(r);
  } catch (const Error& e) {
    std::string msg = e.what();
    EXPECT_NE(msg.find("refused 5 connections in a row"), std::string::npos) << msg;
    EXPECT_NE(msg.find("were not sent"), std::string::npos) << msg;
  }
  // One line for the object applied before the crash; none per remaining object.
  EXPECT_EQ(lines, std::vector<std::string>{"created configmap default/c0"});
}

TEST_P(ApplyCluster, AnUntrustedServerCertificateIsNamedAndNotRetried) {
  DeployCluster srv(backend()), other(Backend::Bundled);
  // The kubeconfig's CA is another cluster's, as after the cluster was recreated.
  std::string text = ks_test::read(srv.kubeconfig());
  std::string other_text = ks_test::read(other.kubeconfig());
  auto ca_line = [](const std::string& t) {
    size_t at = t.find("certificate-authority-data:");
    return t.substr(at, t.find('\n', at) - at);
  };
  text = str::replace_all(text, ca_line(text), ca_line(other_text));
  ks_test::Sandbox sb;
  std::string kubeconfig = (sb.root() / "kubeconfig").string();
  ks_test::write(kubeconfig, text);
  int retries = 0;
  ApplyOptions o = apply_options();
  o.session.retry.on_retry = [&](int, const kube::Response&) { ++retries; };
  try {
    apply({kubeconfig, srv.context(), srv.server(), srv.ns(), false}, {cm("c", {{"a", "1"}})}, o);
    FAIL() << "expected TLS verification to fail";
  } catch (const Error& e) {
    std::string msg = e.what();
    // The cluster entry is named after the context on the bundled server, "real" on the other.
    std::string cluster = srv.bundled() ? srv.context() : "real";
    EXPECT_NE(msg.find("the server's certificate is not signed by the CA in kubeconfig cluster '" +
                       cluster + "'"),
              std::string::npos)
        << msg;
  }
  EXPECT_EQ(retries, 0);
  if (srv.bundled()) {
    EXPECT_TRUE(srv.requests().empty());
  }
  EXPECT_TRUE(get(srv, ns_path(srv, "configmaps/c")).is_null());
}

TEST(ApplyClusterBundled, LostAnswersOfCreatingAppliesStillCountAsCreated) {
  DeployCluster srv(Backend::Bundled);
  kube::Target target = target_of(srv);
  // An object another tool made: taking it over is "configured", lost answer or not.
  kube::Response foreign =
      raw(srv, "POST", "/api/v1/namespaces/default/configmaps?fieldManager=kubectl",
          cm("foreign", {{"a", "0"}}, "default").dump(), "application/json");
  ASSERT_EQ(foreign.status, 201) << foreign.body;
  // The first PATCH of each ConfigMap is applied by the server, but its answer is lost.
  srv.bundled()->set_faults("rate=1,kinds=drop-after,methods=PATCH,path=/configmaps/,max=3");
  ApplyOptions o = apply_options();
  o.concurrency = 1;
  Report r = apply(
      target, {cm("new1", {{"a", "1"}}), cm("new2", {{"a", "1"}}), cm("foreign", {{"b", "1"}})}, o);
  EXPECT_TRUE(r.ok()) << failure_text(r);
  EXPECT_EQ(actions(r), (std::vector<std::string>{"created", "created", "configured"}));
  int dropped = 0;
  for (const json& e : srv.requests())
    if (e.value("fault", "") == "drop-after") ++dropped;
  EXPECT_EQ(dropped, 3);
}

TEST(ApplyClusterBundled, PreflightReportsEveryProblemAndWritesNothing) {
  DeployCluster srv(Backend::Bundled);
  json old_deployment = deployment("web", "nginx:1");
  old_deployment["apiVersion"] = "extensions/v1beta1";
  old_deployment["metadata"]["labels"]["ksonnet.io/component"] = "web";
  json old_crd = {{"apiVersion", "apiextensions.k8s.io/v1beta1"},
                  {"kind", "CustomResourceDefinition"},
                  {"metadata", {{"name", "tfjobs.kubeflow.org"}}}};
  json settings = cm("settings", {{"a", "1"}});
  settings["metadata"]["labels"]["ksonnet.io/component"] = "config";
  std::vector<json> objects{old_deployment, old_crd, settings};
  try {
    apply(target_of(srv, "kubeflow"), objects, apply_options());
    FAIL() << "expected the preflight to refuse";
  } catch (const Error& e) {
    std::string msg = e.what();
    EXPECT_NE(msg.find("nothing was applied"), std::string::npos) << msg;
    EXPECT_NE(msg.find("\n  component web: deployment web: the server"), std::string::npos) << msg;
    EXPECT_NE(msg.find("does not serve kind Deployment in apiVersion extensions/v1beta1"),
              std::string::npos)
        << msg;
    EXPECT_NE(msg.find("customresourcedefinition tfjobs.kubeflow.org: the server"),
              std::string::npos)
        << msg;
    EXPECT_NE(msg.find("\n  component config: configmap kubeflow/settings: namespace kubeflow does "
                       "not exist"),
              std::string::npos)
        << msg;
    EXPECT_NE(msg.find("ApplySet parent secret kubeflow/ks.guestbook.dev: namespace kubeflow does "
                       "not exist"),
              std::string::npos)
        << msg;
    EXPECT_NE(msg.find("--create-namespace"), std::string::npos) << msg;
  }
  EXPECT_FALSE(has_write(srv));

  ApplyOptions o = apply_options();
  o.create_namespace = true;
  Report r = apply(target_of(srv, "kubeflow"), {settings}, o);
  EXPECT_TRUE(r.ok()) << failure_text(r);
  EXPECT_EQ(actions(r), (std::vector<std::string>{"created", "created"}));
  json ns = get(srv, "/api/v1/namespaces/kubeflow");
  ASSERT_TRUE(ns.is_object());
  // Not an ApplySet member: a later --prune never deletes the namespace.
  EXPECT_FALSE(ns["metadata"].value("labels", json::object()).contains(kPartOfLabel));
  EXPECT_TRUE(get(srv, "/api/v1/namespaces/kubeflow/configmaps/settings").is_object());
}

TEST(ApplyClusterBundled, ANamespaceMoveIsReportedAndPruneMovesWithConsent) {
  DeployCluster srv(Backend::Bundled);
  ApplyOptions o = apply_options();
  o.create_namespace = true;
  std::vector<json> objects{cm("a", {{"k", "1"}}), cm("b", {{"k", "1"}})};
  ASSERT_TRUE(apply(target_of(srv, "prn"), objects, o).ok());
  std::vector<std::string> warnings;
  o.on_warning = [&](const std::string& w) { warnings.push_back(w); };
  // Another checkout of the same app and env deploying to its own namespace of the cluster does
  // not take prn's objects for its own: only a recorded move (ks env set --namespace) does.
  ApplyOptions other = o;
  other.prune = true;
  Report mine = apply(target_of(srv, "prn3"), objects, other);
  EXPECT_TRUE(mine.ok()) << failure_text(mine);
  EXPECT_TRUE(mine.pruned.empty());
  EXPECT_TRUE(warnings.empty()) << warnings[0];
  EXPECT_TRUE(get(srv, "/api/v1/namespaces/prn/configmaps/a").is_object());
  o.earlier_namespaces = {"prn"};
  ASSERT_TRUE(apply(target_of(srv, "prn2"), objects, o).ok());
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("this env deployed to namespace prn before (ApplySet parent secret "
                             "prn/ks.guestbook.dev); those objects are left as they are"),
            std::string::npos)
      << warnings[0];
  EXPECT_TRUE(get(srv, "/api/v1/namespaces/prn/configmaps/a").is_object());

  o.prune = true;
  srv.reset_log();
  try {
    apply(target_of(srv, "prn2"), objects, o);
    FAIL() << "expected prune to ask before deleting the objects left in prn";
  } catch (const Error& e) {
    std::string msg = e.what();
    EXPECT_NE(msg.find("2 of them in namespace(s) this env deployed to before"), std::string::npos)
        << msg;
    EXPECT_NE(msg.find("would prune configmap prn/a"), std::string::npos) << msg;
  }
  EXPECT_FALSE(has_write(srv));
  o.prune_limit.confirmed = true;
  Report moved = apply(target_of(srv, "prn2"), objects, o);
  EXPECT_TRUE(moved.ok()) << failure_text(moved);
  EXPECT_EQ(moved.pruned.size(), 2u);
  EXPECT_TRUE(get(srv, "/api/v1/namespaces/prn/configmaps/a").is_null());
  EXPECT_TRUE(get(srv, "/api/v1/namespaces/prn2/configmaps/a").is_object());
  EXPECT_TRUE(get(srv, "/api/v1/namespaces/prn/secrets/ks.guestbook.dev").is_null());
  EXPECT_TRUE(get(srv, "/api/v1/namespaces/prn2/secrets/ks.guestbook.dev").is_object());
}

}  // namespace
}  // namespace ks::apply
