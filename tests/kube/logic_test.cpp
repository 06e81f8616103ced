// Pure logic of the Kubernetes client: no cluster needed.
#include <gtest/gtest.h>

#include "base/error.h"
#include "ks_test.h"
#include "kube/api_error.h"
#include "kube/discovery.h"
#include "kube/object_ref.h"
#include "kube/retry.h"
#include "kube/server_url.h"
#include "kube/wait_notice.h"

namespace ks::kube {
namespace {

using nlohmann::json;
using std::chrono::milliseconds;

TEST(KubeServerUrl, Normalizes) {
  EXPECT_EQ(normalize_server_url("HTTPS://Example.COM:443/"), "https://example.com");
  EXPECT_EQ(normalize_server_url("example.com:6443"), "https://example.com:6443");
  EXPECT_EQ(normalize_server_url("http://h:80/prefix//"), "http://h/prefix");
  EXPECT_TRUE(same_server("https://h:6443", "https://H:6443/"));
  EXPECT_FALSE(same_server("https://h:6443", "https://h:6444"));
  EXPECT_FALSE(same_server("https://localhost:6443", "https://127.0.0.1:6443"));
  EXPECT_FALSE(same_server("http://h", "https://h"));
}

Response status(long code, std::optional<double> retry_after = std::nullopt) {
  Response r;
  r.status = code;
  r.retry_after_seconds = retry_after;
  return r;
}

TEST(KubeRetry, WhatIsRetried) {
  EXPECT_TRUE(is_retryable(status(0)));
  EXPECT_TRUE(is_retryable(status(429)));
  EXPECT_TRUE(is_retryable(status(500)));
  EXPECT_TRUE(is_retryable(status(503)));
  for (long code : {200L, 201L, 400L, 401L, 403L, 404L, 409L, 422L})
    EXPECT_FALSE(is_retryable(status(code))) << code;
}

TEST(KubeRetry, DelaysGrowWithJitterAndHonourRetryAfter) {
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

TEST(KubeRetry, RetriesUntilSuccessAndStopsOnClientErrors) {
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

TEST(KubeRetry, BoundedInAttemptsAndTotalTime) {
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

TEST(KubeApiError, ConflictsNameFieldsAndManagers) {
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

TEST(KubeDiscovery, ParsesAggregatedAndLegacyLists) {
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

TEST(KubeRetry, RetryAfterInSecondsAndAsAnHttpDate) {
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

TEST(KubeRetry, ALostAnswerIsRemembered) {
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
}

TEST(KubeWaitNotice, DurationsAreShownAsFlagsTakeThem) {
  EXPECT_EQ(duration_text(std::chrono::seconds(5)), "5s");
  EXPECT_EQ(duration_text(std::chrono::seconds(300)), "5m");
  EXPECT_EQ(duration_text(std::chrono::seconds(90)), "90s");
  EXPECT_EQ(duration_text(std::chrono::seconds(3600)), "1h");
  EXPECT_EQ(duration_text(std::chrono::seconds(5400)), "1h30m");
}

}  // namespace
}  // namespace ks::kube
