// Pure logic of the apply library: no cluster needed.
#include <gtest/gtest.h>

#include <sstream>

#include "apply/api_error.h"
#include "apply/applyset.h"
#include "apply/diff.h"
#include "apply/discovery.h"
#include "apply/noise.h"
#include "apply/object_names.h"
#include "apply/object_ref.h"
#include "apply/ordering.h"
#include "apply/prune.h"
#include "apply/report.h"
#include "apply/retry.h"
#include "apply/server_url.h"
#include "apply/unified_diff.h"
#include "apply/wait.h"
#include "apply/wait_notice.h"
#include "base/error.h"
#include "base/fs.h"
#include "ks_test.h"

namespace ks::apply {
namespace {

using nlohmann::json;
using std::chrono::milliseconds;

TEST(ApplyServerUrl, Normalizes) {
  EXPECT_EQ(normalize_server_url("HTTPS://Example.COM:443/"), "https://example.com");
  EXPECT_EQ(normalize_server_url("example.com:6443"), "https://example.com:6443");
  EXPECT_EQ(normalize_server_url("http://h:80/prefix//"), "http://h/prefix");
  EXPECT_TRUE(same_server("https://h:6443", "https://H:6443/"));
  EXPECT_FALSE(same_server("https://h:6443", "https://h:6444"));
  EXPECT_FALSE(same_server("https://localhost:6443", "https://127.0.0.1:6443"));
  EXPECT_FALSE(same_server("http://h", "https://h"));
}

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

Response status(long code, std::optional<double> retry_after = std::nullopt) {
  Response r;
  r.status = code;
  r.retry_after_seconds = retry_after;
  return r;
}

TEST(ApplyRetry, WhatIsRetried) {
  EXPECT_TRUE(is_retryable(status(0)));
  EXPECT_TRUE(is_retryable(status(429)));
  EXPECT_TRUE(is_retryable(status(500)));
  EXPECT_TRUE(is_retryable(status(503)));
  for (long code : {200L, 201L, 400L, 401L, 403L, 404L, 409L, 422L})
    EXPECT_FALSE(is_retryable(status(code))) << code;
}

TEST(ApplyRetry, DelaysGrowWithJitterAndHonourRetryAfter) {
  RetryPolicy p;
  p.initial_delay = milliseconds(100);
  p.max_delay = milliseconds(1000);
  EXPECT_EQ(retry_delay(p, 1, status(500), 1.0), milliseconds(100));
  EXPECT_EQ(retry_delay(p, 1, status(500), 0.0), milliseconds(50));
  EXPECT_EQ(retry_delay(p, 3, status(500), 1.0), milliseconds(400));
  EXPECT_EQ(retry_delay(p, 10, status(500), 1.0), milliseconds(1000));
  EXPECT_EQ(retry_delay(p, 1, status(429, 0.3), 0.0), milliseconds(300));
  EXPECT_EQ(retry_delay(p, 1, status(429, 60), 0.0), milliseconds(1000));
}

TEST(ApplyRetry, RetriesUntilSuccessAndStopsOnClientErrors) {
  RetryPolicy p;
  std::vector<milliseconds> slept;
  auto sleep = [&](milliseconds d) { slept.push_back(d); };
  std::vector<Response> script{status(429, 0.5), status(0), status(503), status(200)};
  size_t n = 0;
  Response r = send_with_retry([&] { return script[n++]; }, p, sleep);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(n, 4u);
  ASSERT_EQ(slept.size(), 3u);
  EXPECT_EQ(slept[0], milliseconds(500));

  n = 0;
  script = {status(409), status(200)};
  EXPECT_EQ(send_with_retry([&] { return script[n++]; }, p, sleep).status, 409);
  EXPECT_EQ(n, 1u);
}

TEST(ApplyRetry, BoundedInAttemptsAndTotalTime) {
  RetryPolicy p;
  p.max_attempts = 4;
  int n = 0;
  auto sleep = [](milliseconds) {};
  EXPECT_EQ(send_with_retry(
                [&] {
                  ++n;
                  return status(500);
                },
                p, sleep)
                .status,
            500);
  EXPECT_EQ(n, 4);
  p.max_attempts = 100;
  p.max_total = milliseconds(2500);
  n = 0;
  send_with_retry(
      [&] {
        ++n;
        return status(429, 1.0);
      },
      p, sleep);
  EXPECT_EQ(n, 3);  // waits 1s twice; a third wait would pass 2.5s
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

TEST(ApplyUnifiedDiff, Format) {
  EXPECT_EQ(unified_diff("a\n", "a\n", "x", "y"), "");
  std::string old_text = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n";
  std::string new_text = "1\n2\nthree\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n";
  EXPECT_EQ(unified_diff(old_text, new_text, "live/a", "merged/a"),
            "--- live/a\n+++ merged/a\n"
            "@@ -1,6 +1,6 @@\n 1\n 2\n-3\n+three\n 4\n 5\n 6\n"
            "@@ -10,3 +10,4 @@\n 10\n 11\n 12\n+13\n");
  EXPECT_EQ(unified_diff("", "a: 1\nb: 2\n", "live/x", "merged/x"),
            "--- live/x\n+++ merged/x\n@@ -0,0 +1,2 @@\n+a: 1\n+b: 2\n");
  EXPECT_EQ(unified_diff("a\nb\nc\n", "a\nc\n", "o", "n"),
            "--- o\n+++ n\n@@ -1,3 +1,2 @@\n a\n-b\n c\n");
}

TEST(ApplyUnifiedDiff, CloseChangesShareAHunk) {
  std::string d = unified_diff("1\n2\n3\n4\n5\n6\n7\n8\n", "1\nX\n3\n4\n5\n6\nY\n8\n", "o", "n");
  EXPECT_EQ(d, "--- o\n+++ n\n@@ -1,8 +1,8 @@\n 1\n-2\n+X\n 3\n 4\n 5\n 6\n-7\n+Y\n 8\n");
}

// Applies a unified diff to `old_lines`; fails the test on a context or deleted line that does
// not match. Counts the changed lines.
std::vector<std::string> patch_lines(const std::vector<std::string>& old_lines,
                                     const std::string& diff, size_t& deleted, size_t& added) {
  std::vector<std::string> out;
  size_t next_old = 0;  // index of the first old line not yet copied
  std::istringstream in(diff);
  std::string line;
  std::getline(in, line);  // ---
  std::getline(in, line);  // +++
  while (std::getline(in, line)) {
    if (line.rfind("@@ -", 0) == 0) {
      size_t start = std::stoul(line.substr(4));
      size_t len = 1;
      size_t comma = line.find(',');
      if (comma != std::string::npos && comma < line.find(' ', 4))
        len = std::stoul(line.substr(comma + 1));
      size_t first = len == 0 ? start : start - 1;
      while (next_old < first) out.push_back(old_lines[next_old++]);
      continue;
    }
    std::string text = line.substr(1);
    if (line[0] == '+') {
      out.push_back(text), ++added;
    } else {
      EXPECT_LT(next_old, old_lines.size());
      if (next_old >= old_lines.size()) return out;
      EXPECT_EQ(old_lines[next_old], text) << "at old line " << next_old + 1;
      if (line[0] == ' ')
        out.push_back(text);
      else
        ++deleted;
      ++next_old;
    }
  }
  while (next_old < old_lines.size()) out.push_back(old_lines[next_old++]);
  return out;
}

TEST(ApplyUnifiedDiff, EightThousandLineObjectGivesAMinimalCorrectPatch) {
  // Every second line of an 8,000-line object changed: 4,000 deletions and 4,000 additions.
  std::vector<std::string> old_lines, new_lines;
  std::string old_text, new_text;
  for (int i = 0; i < 8000; ++i) {
    old_lines.push_back("  key" + std::to_string(i) + ": value-" + std::to_string(i));
    new_lines.push_back(i % 2 ? "  key" + std::to_string(i) + ": changed-" + std::to_string(i)
                              : old_lines.back());
    old_text += old_lines.back() + "\n";
    new_text += new_lines.back() + "\n";
  }
  std::string d = unified_diff(old_text, new_text, "live/big", "merged/big");
  ASSERT_EQ(d.rfind("--- live/big\n+++ merged/big\n@@ -1,", 0), 0u) << d.substr(0, 200);
  size_t deleted = 0, added = 0;
  EXPECT_EQ(patch_lines(old_lines, d, deleted, added), new_lines);
  EXPECT_EQ(deleted, 4000u);
  EXPECT_EQ(added, 4000u);
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

TEST(ApplyApiError, ConflictsNameFieldsAndManagers) {
  Response r;
  r.status = 409;
  r.body = R"({"kind":"Status","apiVersion":"v1","status":"Failure","reason":"Conflict","code":409,
    "message":"Apply failed with 2 conflicts: ...",
    "details":{"causes":[
      {"reason":"FieldManagerConflict","message":"conflict with \"other\" using v1","field":".data.a"},
      {"reason":"FieldManagerConflict","message":"conflict with \"other\" using v1","field":".data.b"}]}})";
  std::string msg = describe_failure(r);
  EXPECT_EQ(msg.rfind("conflict with \"other\" using v1: .data.a, .data.b", 0), 0u) << msg;
  EXPECT_NE(msg.find("--force-conflicts"), std::string::npos);
  r.status = 422;
  r.body = R"({"kind":"Status","message":"ConfigMap \"x\" is invalid:\nbad","code":422})";
  EXPECT_EQ(describe_failure(r), "ConfigMap \"x\" is invalid: bad");
  r.status = 429;
  r.body = "Too many requests, please try again later.\n";
  EXPECT_EQ(describe_failure(r), "Too many requests, please try again later.");
  r.status = 0;
  r.transport_error = "Connection refused";
  EXPECT_EQ(describe_failure(r), "cannot reach the server: Connection refused");
}

TEST(ApplyReport, LinesAndSummaries) {
  Report r;
  ObjectRef dep{"apps/v1", "Deployment", "default", "cnn"};
  ObjectRef ns{"v1", "Namespace", "", "prod"};
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

TEST(ApplyDiscovery, ParsesAggregatedAndLegacyLists) {
  json agg = json::parse(
      R"({"kind":"APIGroupDiscoveryList","items":[{"metadata":{"name":"apps"},"versions":[
    {"version":"v1","resources":[
      {"resource":"deployments","responseKind":{"group":"apps","version":"v1","kind":"Deployment"},"scope":"Namespaced"},
      {"resource":"deployments/status","responseKind":{"kind":"Deployment"},"scope":"Namespaced"}]}]}]})");
  auto a = parse_aggregated_discovery(agg);
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].group, "apps");
  EXPECT_EQ(a[0].resource, "deployments");
  EXPECT_TRUE(a[0].namespaced);
  json legacy = json::parse(R"({"groupVersion":"rbac.authorization.k8s.io/v1","resources":[
    {"name":"clusterroles","kind":"ClusterRole","namespaced":false},{"name":"roles/status","kind":"Role"}]})");
  auto l = parse_resource_list(legacy);
  ASSERT_EQ(l.size(), 1u);
  EXPECT_EQ(l[0].group, "rbac.authorization.k8s.io");
  EXPECT_EQ(l[0].version, "v1");
  EXPECT_FALSE(l[0].namespaced);
  EXPECT_EQ(collection_path(l[0], "x"), "/apis/rbac.authorization.k8s.io/v1/clusterroles");
  ResourceInfo cm{"", "v1", "ConfigMap", "configmaps", true};
  EXPECT_EQ(object_path(cm, "n", "a b"), "/api/v1/namespaces/n/configmaps/a%20b");
}

TEST(ApplyRetry, RetryAfterInSecondsAndAsAnHttpDate) {
  std::tm tm{};
  tm.tm_year = 2015 - 1900;
  tm.tm_mon = 9;
  tm.tm_mday = 21;
  tm.tm_hour = 7;
  tm.tm_min = 27;
  std::time_t now = ::timegm(&tm);  // Wed, 21 Oct 2015 07:27:00 GMT
  EXPECT_EQ(parse_retry_after("120", now), 120.0);
  EXPECT_EQ(parse_retry_after(" 0 ", now), 0.0);
  EXPECT_EQ(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now), 60.0);
  EXPECT_EQ(parse_retry_after("Wednesday, 21-Oct-15 07:28:00 GMT", now), 60.0);  // RFC 850
  EXPECT_EQ(parse_retry_after("Wed Oct 21 07:28:00 2015", now), 60.0);           // asctime
  EXPECT_EQ(parse_retry_after("Wed, 21 Oct 2015 07:00:00 GMT", now), 0.0);       // in the past
  EXPECT_EQ(parse_retry_after("soon", now), std::nullopt);
  EXPECT_EQ(parse_retry_after("-5", now), std::nullopt);
  EXPECT_EQ(parse_retry_after("1.5", now), std::nullopt);
  EXPECT_EQ(parse_retry_after("", now), std::nullopt);
  // A date Retry-After is waited for like a number (capped by max_delay).
  RetryPolicy p;
  p.max_delay = milliseconds(100000);
  Response r = status(503);
  r.retry_after_seconds = parse_retry_after("Wed, 21 Oct 2015 07:27:30 GMT", now);
  EXPECT_EQ(retry_delay(p, 1, r, 0.0), milliseconds(30000));
}

TEST(ApplyRetry, ALostAnswerIsRemembered) {
  int n = 0;
  Response r = send_with_retry(
      [&] {
        Response a = status(++n == 1 ? 0 : 200);
        return a;
      },
      RetryPolicy{}, [](milliseconds) {});
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(r.earlier_attempt_unanswered);
  n = 0;
  Response refused = send_with_retry(
      [&] {
        Response a = status(++n == 1 ? 0 : 200);
        a.connect_refused = n == 1;  // never reached the server: it cannot have acted
        return a;
      },
      RetryPolicy{}, [](milliseconds) {});
  EXPECT_FALSE(refused.earlier_attempt_unanswered);
  // libcurl re-sent the request itself after a reused connection closed without an answer:
  // one attempt for ks, but the server may have acted on the first copy.
  Response resent = send_with_retry(
      [&] {
        Response a = status(200);
        a.resent = true;
        return a;
      },
      RetryPolicy{}, [](milliseconds) {});
  EXPECT_TRUE(resent.earlier_attempt_unanswered);
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
  ResourceInfo cms{"", "v1", "ConfigMap", "configmaps", true};
  EXPECT_EQ(object_path(cms, "a b", "x/y%"), "/api/v1/namespaces/a%20b/configmaps/x%2Fy%25");
  EXPECT_EQ(object_path(cms, "ns", ".x"), "/api/v1/namespaces/ns/configmaps/.x");
  EXPECT_THROW(object_path(cms, "ns", "."), Error);
  EXPECT_THROW(object_path(cms, "ns", ".."), Error);
  EXPECT_THROW(object_path(cms, "ns", ""), Error);
  EXPECT_THROW(object_path(cms, "..", "x"), Error);
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

TEST(ApplyWaitNotice, DurationsAreShownAsFlagsTakeThem) {
  EXPECT_EQ(duration_text(std::chrono::seconds(5)), "5s");
  EXPECT_EQ(duration_text(std::chrono::seconds(300)), "5m");
  EXPECT_EQ(duration_text(std::chrono::seconds(90)), "90s");
  EXPECT_EQ(duration_text(std::chrono::seconds(3600)), "1h");
  EXPECT_EQ(duration_text(std::chrono::seconds(5400)), "1h30m");
}

TEST(ApplyReport, WaitResultsAreCountedApart) {
  Report r;
  ObjectRef dep{"apps/v1", "Deployment", "default", "web"};
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
