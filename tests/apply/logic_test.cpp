// Pure logic of the apply library: no cluster needed.
#include <gtest/gtest.h>

#include <sstream>

#include "apply/applyset.h"
#include "apply/diff.h"
#include "apply/noise.h"
#include "apply/object_names.h"
#include "apply/ordering.h"
#include "apply/prune.h"
#include "apply/report.h"
#include "apply/wait.h"
#include "base/error.h"
#include "base/fs.h"
#include "ks_test.h"
#include "kube/object_ref.h"

namespace ks::apply {
namespace {

using nlohmann::json;

TEST(ApplyOrdering, TiersAndReverse) {
  EXPECT_EQ(tier_of("", "Namespace", false), Tier::Foundation);
  EXPECT_EQ(tier_of("apiextensions.k8s.io", "CustomResourceDefinition", false), Tier::Foundation);
  EXPECT_EQ(tier_of("rbac.authorization.k8s.io", "ClusterRole", false), Tier::ClusterScoped);
  EXPECT_EQ(tier_of("apps", "Deployment", true), Tier::Namespaced);
  EXPECT_EQ(tier_of("other.io", "Namespace", false), Tier::ClusterScoped);
  std::vector<Tier> tiers{Tier::Namespaced, Tier::Foundation, Tier::ClusterScoped, Tier::Namespaced,
                          Tier::Foundation};
  using G = std::vector<std::vector<size_t>>;
  EXPECT_EQ(group_by_tier(tiers), (G{{1, 4}, {2}, {0, 3}}));
  EXPECT_EQ(group_by_tier(tiers, true), (G{{0, 3}, {2}, {1, 4}}));
  EXPECT_EQ(group_by_tier({Tier::Namespaced}), (G{{0}}));
}

TEST(ApplyNoise, StripsServerManagedFields) {
  json live = json::parse(R"({"apiVersion":"v1","kind":"ConfigMap",
    "metadata":{"name":"a","namespace":"n","uid":"u","resourceVersion":"5","generation":2,
      "creationTimestamp":"t","managedFields":[{}],"labels":{"x":"y"},
      "annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{}"}},
    "data":{"k":"v"},"status":{"phase":"x"}})");
  json want = json::parse(R"({"apiVersion":"v1","kind":"ConfigMap",
    "metadata":{"name":"a","namespace":"n","labels":{"x":"y"}},"data":{"k":"v"}})");
  EXPECT_EQ(strip_noise(live), want);
}

TEST(ApplyDiffRendered, MatchesObjectsAcrossSets) {
  ::unsetenv("KS_EXTERNAL_DIFF");
  json a = json::parse(
      R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","namespace":"n"},"data":{"k":"1"}})");
  json b = a;
  b["data"]["k"] = "2";
  json only_old =
      json::parse(R"({"apiVersion":"v1","kind":"Secret","metadata":{"name":"s","namespace":"n"}})");
  DiffResult same = diff_rendered({a}, {a}, "dev", "prod");
  EXPECT_FALSE(same.differs);
  EXPECT_EQ(same.text, "");
  DiffResult d = diff_rendered({a, only_old}, {b}, "dev", "prod");
  EXPECT_TRUE(d.differs);
  EXPECT_NE(d.text.find("--- dev/v1.ConfigMap.n.c\n+++ prod/v1.ConfigMap.n.c\n"), std::string::npos)
      << d.text;
  EXPECT_NE(d.text.find("-  k: \"1\"\n+  k: \"2\"\n"), std::string::npos) << d.text;
  EXPECT_NE(d.text.find("--- dev/v1.Secret.n.s"), std::string::npos) << d.text;
}

TEST(ApplyDiffRendered, ExternalProgramGetsTwoDirectories) {
  ks_test::Sandbox sb;
  json a = json::parse(
      R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d","namespace":"n"}})");
  json b = a;
  b["spec"] = {{"replicas", 2}};
  ::setenv("KS_EXTERNAL_DIFF", "diff -r -N", 1);
  DiffResult d = diff_rendered({a}, {b}, "live", "merged");
  ::unsetenv("KS_EXTERNAL_DIFF");
  EXPECT_TRUE(d.differs);
  EXPECT_NE(d.text.find("apps.v1.Deployment.n.d"), std::string::npos) << d.text;
  EXPECT_NE(d.text.find("> spec:"), std::string::npos) << d.text;
}

TEST(ApplyApplySet, IdsAndLabelsFollowKubectl) {
  EXPECT_EQ(applyset_id("set1", "ns", "Secret", ""),
            "applyset-1_tBAyTGg7XeKbu3cbJLxSVoRTh-cVlcB7Aa31Hyanw-v1");
  ApplySet set = make_applyset({"guestbook", "prod/apps"}, "apps");
  EXPECT_EQ(set.parent_name, "ks.guestbook.prod-apps");
  EXPECT_EQ(set.id,
            "applyset-" + std::string("wKZZZL3rssP0nbs6Q1NAVFGR_3AVB70tHS28GhDCmok") + "-v1");
  json obj = with_member_labels(json::parse(R"({"kind":"ConfigMap","metadata":{"name":"a"}})"), set,
                                {"guestbook", "prod/apps"});
  EXPECT_EQ(obj["metadata"]["labels"][kPartOfLabel], set.id);
  EXPECT_EQ(obj["metadata"]["labels"][kManagedByLabel], "ks");
  EXPECT_EQ(obj["metadata"]["labels"][kEnvLabel], "prod.apps");
  EXPECT_TRUE(is_member(obj, set, {"guestbook", "prod/apps"}));
  EXPECT_FALSE(is_member(obj, set, {"guestbook", "dev"}));
  json parent = parent_object(set, {"guestbook", "prod/apps"}, {"Deployment.apps", "ConfigMap"},
                              {"apps", "b", "a"});
  EXPECT_EQ(parent["metadata"]["labels"][kIdLabel], set.id);
  EXPECT_EQ(parent["metadata"]["annotations"][kToolingAnnotation], "ks/v1");
  EXPECT_EQ(parent["metadata"]["annotations"][kGroupKindsAnnotation], "ConfigMap,Deployment.apps");
  EXPECT_EQ(parent["metadata"]["annotations"][kNamespacesAnnotation], "a,b");
  ParentState state = parent_state(parent);
  EXPECT_TRUE(state.exists);
  EXPECT_EQ(state.group_kinds, (std::set<std::string>{"ConfigMap", "Deployment.apps"}));
  EXPECT_EQ(state.namespaces, (std::set<std::string>{"a", "b"}));
  EXPECT_FALSE(parent_state(nullptr).exists);
  EXPECT_EQ(label_value("-a/b_"), "a.b");
}

TEST(ApplyPrune, ControllerOwnedObjectsAreLeftAlone) {
  EXPECT_TRUE(is_controller_owned(
      json::parse(R"({"metadata":{"ownerReferences":[{"controller":true}]}})")));
  EXPECT_FALSE(
      is_controller_owned(json::parse(R"({"metadata":{"ownerReferences":[{"kind":"X"}]}})")));
  EXPECT_FALSE(is_controller_owned(json::parse(R"({"metadata":{}})")));
}

TEST(ApplyReport, LinesAndSummaries) {
  Report r;
  kube::ObjectRef dep{"apps/v1", "Deployment", "default", "cnn"};
  kube::ObjectRef ns{"v1", "Namespace", "", "prod"};
  r.objects = {
      {dep, Action::Created, ""}, {ns, Action::Unchanged, ""}, {dep, Action::Failed, "boom"}};
  EXPECT_EQ(result_line(r.objects[0]), "created deployment default/cnn");
  EXPECT_EQ(result_line(r.objects[1], true), "unchanged namespace prod (dry run)");
  EXPECT_EQ(result_line(r.objects[2]), "failed deployment default/cnn: boom");
  EXPECT_EQ(apply_summary(r), "applied 3 objects: 1 created, 0 configured, 1 unchanged, 1 failed");
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.failures().size(), 1u);
  r.objects.pop_back();
  r.pruned = {{dep, Action::Pruned, ""}};
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(apply_summary(r),
            "applied 2 objects: 1 created, 0 configured, 1 unchanged, 0 failed, 1 pruned");
  Report d;
  d.objects = {{dep, Action::Deleted, ""}, {ns, Action::NotFound, ""}};
  EXPECT_EQ(delete_summary(d), "deleted 2 objects: 1 deleted, 1 not found, 0 failed");
}

TEST(ApplyReadiness, Workloads) {
  auto deploy = [](int gen, int observed, int want, int updated, int total, int available) {
    return json{{"apiVersion", "apps/v1"},
                {"kind", "Deployment"},
                {"metadata", {{"generation", gen}}},
                {"spec", {{"replicas", want}}},
                {"status",
                 {{"observedGeneration", observed},
                  {"updatedReplicas", updated},
                  {"replicas", total},
                  {"availableReplicas", available}}}};
  };
  EXPECT_TRUE(readiness(deploy(2, 2, 3, 3, 3, 3)).ready);
  EXPECT_FALSE(readiness(deploy(2, 1, 3, 3, 3, 3)).ready);
  EXPECT_FALSE(readiness(deploy(2, 2, 3, 2, 3, 2)).ready);
  EXPECT_FALSE(readiness(deploy(2, 2, 3, 3, 4, 3)).ready);
  EXPECT_FALSE(readiness(deploy(2, 2, 3, 3, 3, 1)).ready);
  json job = {{"apiVersion", "batch/v1"},
              {"kind", "Job"},
              {"status", {{"conditions", {{{"type", "Complete"}, {"status", "True"}}}}}}};
  EXPECT_TRUE(readiness(job).ready);
  job["status"]["conditions"][0]["type"] = "Failed";
  EXPECT_TRUE(readiness(job).failed);
  json ds = {{"apiVersion", "apps/v1"},
             {"kind", "DaemonSet"},
             {"metadata", {{"generation", 1}}},
             {"status",
              {{"observedGeneration", 1},
               {"desiredNumberScheduled", 2},
               {"updatedNumberScheduled", 2},
               {"numberAvailable", 1}}}};
  EXPECT_FALSE(readiness(ds).ready);
  ds["status"]["numberAvailable"] = 2;
  EXPECT_TRUE(readiness(ds).ready);
  json sts = {
      {"apiVersion", "apps/v1"},
      {"kind", "StatefulSet"},
      {"metadata", {{"generation", 1}}},
      {"spec", {{"replicas", 2}}},
      {"status", {{"observedGeneration", 1}, {"readyReplicas", 2}, {"updatedReplicas", 2}}}};
  EXPECT_TRUE(readiness(sts).ready);
  EXPECT_TRUE(readiness(json{{"apiVersion", "v1"}, {"kind", "ConfigMap"}}).ready);
}

TEST(ApplyNames, PathSegmentsAndKindRules) {
  EXPECT_EQ(name_problem(".", NameRule::PathSegment), "may not be '.'");
  EXPECT_EQ(name_problem("..", NameRule::Subdomain), "may not be '..'");
  EXPECT_EQ(name_problem("a/b", NameRule::PathSegment), "may not contain '/'");
  EXPECT_EQ(name_problem("50%", NameRule::PathSegment), "may not contain '%'");
  EXPECT_EQ(name_problem("", NameRule::PathSegment), "is empty");
  EXPECT_EQ(name_problem("system:admin", NameRule::PathSegment), "");  // RBAC names may
  EXPECT_NE(name_problem("system:admin", NameRule::Subdomain), "");
  EXPECT_EQ(name_problem("a.b-c", NameRule::Subdomain), "");
  EXPECT_NE(name_problem("a.b", NameRule::Label), "");
  EXPECT_NE(name_problem("1abc", NameRule::Dns1035), "");
  EXPECT_EQ(name_rule_of("rbac.authorization.k8s.io", "ClusterRole"), NameRule::PathSegment);
  EXPECT_EQ(name_rule_of("", "ConfigMap"), NameRule::Subdomain);
  EXPECT_EQ(name_rule_of("", "Namespace"), NameRule::Label);
  EXPECT_EQ(name_rule_of("", "Service"), NameRule::Dns1035);
  EXPECT_EQ(name_rule_of("example.com", "Widget"), NameRule::PathSegment);
  json ok = {{"apiVersion", "v1"}, {"kind", "ConfigMap"}, {"metadata", {{"name", "a"}}}};
  EXPECT_EQ(addressing_problem(ok), "");
  json generated = {
      {"apiVersion", "v1"}, {"kind", "ConfigMap"}, {"metadata", {{"generateName", "a-"}}}};
  EXPECT_NE(addressing_problem(generated).find("generateName"), std::string::npos);
  json bad = ok;
  bad["metadata"]["name"] = "..";
  bad["metadata"]["labels"] = {{"ksonnet.io/component", "evil"}};
  EXPECT_EQ(invalid_names({ok, bad}),
            std::vector<std::string>{
                "component evil: configmap \"..\": metadata.name \"..\" may not be '..'"});
  EXPECT_THROW(require_valid_names({ok, bad}, "applied"), Error);
  EXPECT_NO_THROW(require_valid_names({ok}, "applied"));
}

TEST(ApplyNames, PathsNeverCarryDotSegments) {
  kube::ResourceInfo cms{"", "v1", "ConfigMap", "configmaps", true};
  EXPECT_EQ(kube::object_path(cms, "a b", "x/y%"), "/api/v1/namespaces/a%20b/configmaps/x%2Fy%25");
  EXPECT_EQ(kube::object_path(cms, "ns", ".x"), "/api/v1/namespaces/ns/configmaps/.x");
  EXPECT_THROW(kube::object_path(cms, "ns", "."), Error);
  EXPECT_THROW(kube::object_path(cms, "ns", ".."), Error);
  EXPECT_THROW(kube::object_path(cms, "ns", ""), Error);
  EXPECT_THROW(kube::object_path(cms, "..", "x"), Error);
}

TEST(ApplyPrune, LimitRefusesLargeOrMovedPrunes) {
  auto candidate = [](const std::string& ns, const std::string& name) {
    return PruneCandidate{{"v1", "ConfigMap", ns, name}, "/x", ns};
  };
  std::vector<PruneCandidate> two{candidate("app", "a"), candidate("app", "b")};
  EXPECT_NO_THROW(check_prune_limit(two, 2, "app", {}));  // no more than it keeps
  EXPECT_THROW(check_prune_limit(two, 1, "app", {}), Error);
  EXPECT_NO_THROW(check_prune_limit(two, 1, "app", {true, std::nullopt}));
  EXPECT_NO_THROW(check_prune_limit(two, 1, "app", {false, 2}));
  EXPECT_THROW(check_prune_limit(two, 10, "app", {false, 1}), Error);
  std::vector<PruneCandidate> moved{candidate("old", "a")};
  EXPECT_THROW(check_prune_limit(moved, 10, "app", {}), Error);
  EXPECT_NO_THROW(check_prune_limit({}, 0, "app", {}));
}

TEST(ApplyReport, WaitResultsAreCountedApart) {
  Report r;
  kube::ObjectRef dep{"apps/v1", "Deployment", "default", "web"};
  r.objects = {{dep, Action::Created, ""}};
  r.waited = {{dep, Action::NotReady, "--timeout 5s expired: 0 of 1 replicas updated"}};
  EXPECT_EQ(apply_summary(r),
            "applied 1 object: 1 created, 0 configured, 0 unchanged, 0 failed; 0 ready, 1 not "
            "ready");
  EXPECT_EQ(result_line(r.waited[0]),
            "not ready deployment default/web: --timeout 5s expired: 0 of 1 replicas updated");
  EXPECT_EQ(failure_message(r, "apply"),
            "1 object not ready: deployment default/web (see the lines above)");
  r.objects[0].action = Action::Failed;
  EXPECT_EQ(failure_message(r, "apply"),
            "1 object failed to apply: deployment default/web; 1 object not ready: deployment "
            "default/web (see the lines above)");
}

}  // namespace
}  // namespace ks::apply
