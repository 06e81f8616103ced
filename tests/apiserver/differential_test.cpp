// The bundled test API server held to the real one (issue 12 item 3): the same requests — the
// kinds ks and kubectl send — are replayed, in order, against ks-test-apiserver and against the
// real kube-apiserver of `scripts/cluster up` (KS_TEST_CLUSTER; with CI=true a missing cluster
// fails the test). Status codes, Warning headers and bodies are compared after normalising what
// is legitimately different between two servers (see normalise() below and README.md,
// "Differential test"). Every difference that remains must be listed in the step's `known`
// column as a documented limitation of the bundled server, so the test fails when either side
// changes: a fixed limitation must be removed from the table, a new difference must be fixed
// in tests/apiserver/ or documented.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include <httplib.h>

#include "base/strings.h"
#include "deploy_cluster.h"

namespace {

using ks_test::Backend;
using ks_test::DeployCluster;
using nlohmann::json;

// How a step's answers are compared.
enum class Compare {
  Exact,   // status, Warning and the normalised body are equal
  Subset,  // status and Warning equal; every value of the bundled body is in the real one (the
           // real server serves more groups, kinds, schema fields: discovery and OpenAPI)
};

struct Step {
  std::string what = "";  // what the request is, as a reader of the table sees it
  std::string method = "GET";
  std::string path = "";  // "{ns}" is the test's namespace
  std::string body = "";  // "{ns}" likewise
  std::string content_type = "application/json";
  std::string accept = "application/json";
  Compare compare = Compare::Exact;
  // The differences that remain after normalisation, each documented in README.md
  // ("Differential test"), in the form diff() prints: "PATH: BUNDLED | REAL" or "PATH: only X".
  std::vector<std::string> known = {};
};

// --- kube protobuf, as kubectl sends it for built-in types (k8s\0 + runtime.Unknown) ----------

std::string varint(uint64_t v) {
  std::string out;
  while (v >= 0x80) {
    out += static_cast<char>((v & 0x7f) | 0x80);
    v >>= 7;
  }
  return out + static_cast<char>(v);
}

std::string field(int number, const std::string& bytes) {  // wire type 2: length-delimited
  return varint((static_cast<uint64_t>(number) << 3) | 2) + varint(bytes.size()) + bytes;
}

// A v1 object with metadata.name and one data entry (ConfigMap data / Secret data: field 2).
std::string protobuf_object(const std::string& kind, const std::string& name,
                            const std::string& key, const std::string& value) {
  std::string meta = field(1, name);
  std::string object = field(1, meta) + field(2, field(1, key) + field(2, value));
  std::string type_meta = field(1, "v1") + field(2, kind);
  return std::string("k8s\0", 4) + field(1, type_meta) + field(2, object) + field(3, "") +
         field(4, "");
}

// --- requests ---------------------------------------------------------------------------------

struct Answer {
  int status = 0;
  std::string warning;
  json body;
};

Answer send(const DeployCluster& cluster, const Step& step, const std::string& ns) {
  std::string server = cluster.server();
  int port = std::stoi(server.substr(server.rfind(':') + 1));
  httplib::SSLClient client("127.0.0.1", port);
  client.enable_server_certificate_verification(false);
  client.set_bearer_token_auth(cluster.token());
  client.set_read_timeout(std::chrono::seconds(60));
  client.set_url_encode(false);
  httplib::Request req;
  req.method = step.method;
  req.path = ks::str::replace_all(step.path, "{ns}", ns);
  req.body = ks::str::replace_all(step.body, "{ns}", ns);
  req.headers = {{"Accept", step.accept}, {"User-Agent", "ks-differential/1.0"}};
  if (!req.body.empty()) req.headers.emplace("Content-Type", step.content_type);
  httplib::Result res = client.send(req);
  Answer a;
  if (!res) return a;
  a.status = res->status;
  for (size_t i = 0; i < res->get_header_value_count("Warning"); ++i)
    a.warning += (i ? "\n" : "") + res->get_header_value("Warning", i);
  a.body = json::parse(res->body, nullptr, false);
  if (a.body.is_discarded()) a.body = res->body;
  return a;
}

// --- normalisation (each rule is listed in README.md, "Differential test") --------------------

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

void normalise(json& j) {
  if (j.is_array()) {
    for (json& e : j) normalise(e);
    return;
  }
  if (!j.is_object()) return;
  // A generated name: the server's random suffix.
  if (j.contains("generateName") && j.contains("name") && j["name"].is_string()) {
    std::string prefix = j["generateName"].get<std::string>();
    if (j["name"].get<std::string>().rfind(prefix, 0) == 0) j["name"] = prefix + "<random>";
  }
  for (auto& [key, value] : j.items()) {
    if (key == "managedFields" && value.is_array()) {
      // Kube orders entries by operation, then time in whole seconds, then manager: two servers
      // a few milliseconds apart may fall on either side of a second, so time is left out.
      auto order = [](const json& e) {
        return std::make_tuple(e.value("operation", ""), e.value("manager", ""),
                               e.value("apiVersion", ""), e.value("subresource", ""));
      };
      std::stable_sort(value.begin(), value.end(),
                       [&](const json& p, const json& q) { return order(p) < order(q); });
    }
    if (!value.is_string()) {
      normalise(value);
      continue;
    }
    std::string v = value.get<std::string>();
    if (key == "uid") value = "<uid>";                          // random per object
    if (key == "resourceVersion") value = "<resourceVersion>";  // per-server counters
    // creationTimestamp, deletionTimestamp, managedFields[].time: when the request ran.
    if (ends_with(key, "Timestamp") || key == "time") value = "<time>";
    if (key == "serverAddress") value = "<host:port>";  // the server's own port
    // OpenAPI v3 discovery links carry a hash of the server's document.
    if (key == "serverRelativeURL") value = v.substr(0, v.find('?'));
  }
}

// --- comparison -------------------------------------------------------------------------------

std::string shown(const json& j) {
  std::string s = j.dump();
  return s.size() > 300 ? s.substr(0, 300) + "..." : s;
}

std::string key_of(const json& element) {  // list elements matched by name in Subset mode
  if (!element.is_object()) return "";
  for (const char* k : {"name", "groupVersion", "version", "resource", "subresource", "metadata"}) {
    if (element.contains(k)) {
      const json& v = element[k];
      if (v.is_string()) return v.get<std::string>();
      if (v.is_object() && v.contains("name")) return v["name"].dump();
    }
  }
  return "";
}

void diff(const json& b, const json& r, const std::string& path, bool subset,
          std::vector<std::string>& out) {
  if (b.is_object() && r.is_object()) {
    for (const auto& [k, v] : b.items()) {
      if (!r.contains(k)) {
        out.push_back(path + "/" + k + ": only bundled");
      } else {
        diff(v, r[k], path + "/" + k, subset, out);
      }
    }
    if (!subset) {
      for (const auto& item : r.items())
        if (!b.contains(item.key())) out.push_back(path + "/" + item.key() + ": only real");
    }
    return;
  }
  if (b.is_array() && r.is_array() && subset) {
    for (size_t i = 0; i < b.size(); ++i) {
      std::string key = key_of(b[i]);
      auto match = std::find_if(r.begin(), r.end(), [&](const json& e) {
        return key.empty() ? e == b[i] : key_of(e) == key;
      });
      std::string where = path + "/" + (key.empty() ? std::to_string(i) : key);
      if (match == r.end()) {
        out.push_back(where + ": only bundled" + (key.empty() ? " " + shown(b[i]) : ""));
      } else if (!key.empty()) {
        diff(b[i], *match, where, subset, out);
      }
    }
    return;
  }
  if (b.is_array() && r.is_array() && b.size() == r.size()) {
    for (size_t i = 0; i < b.size(); ++i)
      diff(b[i], r[i], path + "/" + std::to_string(i), subset, out);
    return;
  }
  if (b != r) out.push_back(path + ": " + shown(b) + " | " + shown(r));
}

std::vector<std::string> differences(const Step& step, const Answer& bundled, const Answer& real) {
  std::vector<std::string> out;
  if (bundled.status != real.status) {
    out.push_back("status: " + std::to_string(bundled.status) + " | " +
                  std::to_string(real.status));
  }
  if (bundled.warning != real.warning) {
    out.push_back("warning: " + shown(bundled.warning) + " | " + shown(real.warning));
  }
  json b = bundled.body, r = real.body;
  normalise(b);
  normalise(r);
  diff(b, r, "body", step.compare == Compare::Subset, out);
  return out;
}

// --- the table --------------------------------------------------------------------------------

const std::string kCms = "/api/v1/namespaces/{ns}/configmaps";
const std::string kDeploys = "/apis/apps/v1/namespaces/{ns}/deployments";
const std::string kAggregated =
    "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json";
const std::string kTable = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json";
const std::string kApply = "application/apply-patch+yaml";
const std::string kMerge = "application/merge-patch+json";
const std::string kStrategic = "application/strategic-merge-patch+json";
const std::string kProtobuf = "application/vnd.kubernetes.protobuf";

std::string configmap(const std::string& name, const std::string& data,
                      const std::string& extra = "") {
  return R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":")" + name +
         R"(","labels":{"diff":"yes"}},"data":)" + data + extra + "}";
}

const char* kDeployment = R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {diff: "yes"}
spec:
  replicas: 1
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        ports: [{containerPort: 80}]
)";

std::vector<Step> steps() {
  return {
      // Discovery and OpenAPI, as ks (discovery, /openapi/v2 for `ks init`/`lib generate`) and
      // kubectl (aggregated discovery, /openapi/v3 for server-side validation) read them.
      {.what = "version", .method = "GET", .path = "/version"},
      {.what = "legacy group list", .method = "GET", .path = "/api"},
      {.what = "group list", .method = "GET", .path = "/apis", .compare = Compare::Subset},
      {.what = "aggregated discovery (kubectl)",
       .method = "GET",
       .path = "/apis",
       .accept = kAggregated,
       .compare = Compare::Subset},
      {.what = "core resources", .method = "GET", .path = "/api/v1", .compare = Compare::Subset},
      {.what = "apps resources",
       .method = "GET",
       .path = "/apis/apps/v1",
       .compare = Compare::Subset},
      {.what = "openapi v2 (ks)",
       .method = "GET",
       .path = "/openapi/v2",
       .compare = Compare::Subset},
      {.what = "openapi v3 index (kubectl)",
       .method = "GET",
       .path = "/openapi/v3",
       .compare = Compare::Subset},

      // Create, read, list.
      {.what = "create",
       .method = "POST",
       .path = kCms + "?fieldManager=kubectl-create",
       .body = configmap("c1", R"({"a":"1"})")},
      {.what = "get", .method = "GET", .path = kCms + "/c1"},
      {.what = "create again: AlreadyExists",
       .method = "POST",
       .path = kCms + "?fieldManager=kubectl-create",
       .body = configmap("c1", R"({"a":"1"})")},
      {.what = "list by label", .method = "GET", .path = kCms + "?labelSelector=diff%3Dyes"},
      {.what = "get as Table (kubectl get)",
       .method = "GET",
       .path = kCms + "/c1",
       .accept = kTable,
       // Limitation: no Table output (kubectl then prints NAME/AGE from the object itself).
       .known = {R"(body/apiVersion: "v1" | "meta.k8s.io/v1")", "body/columnDefinitions: only real",
                 "body/data: only bundled", R"(body/kind: "ConfigMap" | "Table")",
                 "body/metadata/creationTimestamp: only bundled",
                 "body/metadata/labels: only bundled", "body/metadata/managedFields: only bundled",
                 "body/metadata/name: only bundled", "body/metadata/namespace: only bundled",
                 "body/metadata/uid: only bundled", "body/rows: only real"}},
      {.what = "get a missing object", .method = "GET", .path = kCms + "/nope"},
      {.what = "unknown resource", .method = "GET", .path = "/api/v1/namespaces/{ns}/widgets"},
      {.what = "generateName",
       .method = "POST",
       .path = kCms + "?fieldManager=kubectl-create",
       .body = R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"generateName":"gen-"}})"},
      {.what = "invalid name",
       .method = "POST",
       .path = kCms + "?fieldManager=kubectl-create",
       .body = configmap("Bad_Name", "{}")},
      {.what = "missing namespace",
       .method = "POST",
       .path = "/api/v1/namespaces/{ns}-missing/configmaps?fieldManager=kubectl-create",
       .body = configmap("c1", "{}")},

      // Server-side apply (ks: YAML or JSON apply patches with fieldManager and force).
      {.what = "apply creates",
       .method = "PATCH",
       .path = kCms + "/c2?fieldManager=ks",
       .body = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c2\n  labels: {diff: \"yes\"}\n"
               "data: {a: \"1\", b: \"2\"}\n",
       .content_type = kApply},
      {.what = "same apply: no-op",
       .method = "PATCH",
       .path = kCms + "/c2?fieldManager=ks",
       .body = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c2\n  labels: {diff: \"yes\"}\n"
               "data: {a: \"1\", b: \"2\"}\n",
       .content_type = kApply},
      {.what = "another manager: conflict",
       .method = "PATCH",
       .path = kCms + "/c2?fieldManager=other",
       .body = configmap("c2", R"({"a":"9"})"),
       .content_type = kApply},
      {.what = "another manager with force",
       .method = "PATCH",
       .path = kCms + "/c2?fieldManager=other&force=true",
       .body = configmap("c2", R"({"a":"9"})"),
       .content_type = kApply},
      {.what = "apply drops a field it no longer sets",
       .method = "PATCH",
       .path = kCms + "/c2?fieldManager=ks&force=true",
       .body = configmap("c2", R"({"a":"1"})"),
       .content_type = kApply},
      {.what = "apply without fieldManager",
       .method = "PATCH",
       .path = kCms + "/c2",
       .body = configmap("c2", R"({"a":"1"})"),
       .content_type = kApply},
      {.what = "apply: name differs from the URL",
       .method = "PATCH",
       .path = kCms + "/c2?fieldManager=ks",
       .body = configmap("c3", R"({"a":"1"})"),
       .content_type = kApply},
      {.what = "apply dry-run",
       .method = "PATCH",
       .path = kCms + "/dry?fieldManager=ks&dryRun=All",
       .body = configmap("dry", R"({"a":"1"})"),
       .content_type = kApply},
      {.what = "dry-run stored nothing", .method = "GET", .path = kCms + "/dry"},
      {.what = "apply a Deployment",
       .method = "PATCH",
       .path = kDeploys + "/web?fieldManager=ks",
       .body = kDeployment,
       .content_type = kApply,
       // Limitation: no defaulting of workloads and pod templates, no status (no controllers).
       .known = {"body/spec/progressDeadlineSeconds: only real",
                 "body/spec/revisionHistoryLimit: only real", "body/spec/strategy: only real",
                 "body/spec/template/spec/containers/0/imagePullPolicy: only real",
                 "body/spec/template/spec/containers/0/resources: only real",
                 "body/spec/template/spec/containers/0/terminationMessagePath: only real",
                 "body/spec/template/spec/containers/0/terminationMessagePolicy: only real",
                 "body/spec/template/spec/dnsPolicy: only real",
                 "body/spec/template/spec/restartPolicy: only real",
                 "body/spec/template/spec/schedulerName: only real",
                 "body/spec/template/spec/securityContext: only real",
                 "body/spec/template/spec/terminationGracePeriodSeconds: only real",
                 "body/status: only real"}},

      // Patches and updates.
      {.what = "merge patch",
       .method = "PATCH",
       .path = kCms + "/c1?fieldManager=kubectl-edit",
       .body = R"({"data":{"b":"2"}})",
       .content_type = kMerge},
      {.what = "strategic merge patch (kubectl)",
       .method = "PATCH",
       .path = kCms + "/c1?fieldManager=kubectl-patch",
       .body = R"({"data":{"c":"3"}})",
       .content_type = kStrategic},
      {.what = "unknown patch type",
       .method = "PATCH",
       .path = kCms + "/c1",
       .body = "{}",
       .content_type = "application/x-nope"},
      {.what = "update with a stale resourceVersion",
       .method = "PUT",
       .path = kCms + "/c1?fieldManager=kubectl-replace",
       .body =
           R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c1","resourceVersion":"1"}})"},

      // Invalid bodies: field validation and removed API versions.
      {.what = "unknown field, Strict",
       .method = "POST",
       .path = kCms + "?fieldManager=kubectl-create&fieldValidation=Strict",
       .body = configmap("typo", "{}", R"(,"data2":{"b":"2"})")},
      {.what = "unknown field, Warn",
       .method = "POST",
       .path = kCms + "?fieldManager=kubectl-create&fieldValidation=Warn",
       .body = configmap("typo-warn", "{}", R"(,"data2":{"b":"2"})")},
      {.what = "unknown field, no fieldValidation (server default)",
       .method = "POST",
       .path = kCms + "?fieldManager=kubectl-create",
       .body = configmap("typo-default", "{}", R"(,"data2":{"b":"2"})")},
      {.what = "wrongly typed field",
       .method = "POST",
       .path = kCms + "?fieldManager=kubectl-create&fieldValidation=Strict",
       .body = configmap("typed", R"({"a":1})")},
      {.what = "apply with an unknown field, Strict",
       .method = "PATCH",
       .path = kCms + "/typo?fieldManager=ks&fieldValidation=Strict",
       .body = configmap("typo", "{}", R"(,"data2":{"b":"2"})"),
       .content_type = kApply},
      {.what = "apply with an unknown field, Ignore",
       .method = "PATCH",
       .path = kCms + "/typo?fieldManager=ks&fieldValidation=Ignore",
       .body = configmap("typo", "{}", R"(,"data2":{"b":"2"})"),
       .content_type = kApply},
      {.what = "apply with a wrongly typed field",
       .method = "PATCH",
       .path = kDeploys + "/typed?fieldManager=ks",
       .body =
           R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"typed"},"spec":{"replicas":"3"}})",
       .content_type = kApply},
      {.what = "removed API version: extensions/v1beta1 Deployment",
       .method = "PATCH",
       .path = "/apis/extensions/v1beta1/namespaces/{ns}/deployments/old?fieldManager=ks",
       .body =
           R"({"apiVersion":"extensions/v1beta1","kind":"Deployment","metadata":{"name":"old"}})",
       .content_type = kApply},
      {.what = "removed API version: discovery",
       .method = "GET",
       .path = "/apis/extensions/v1beta1"},
      {.what = "removed API version: v1beta1 CRDs",
       .method = "GET",
       .path = "/apis/apiextensions.k8s.io/v1beta1/customresourcedefinitions"},

      // kubectl create sends protobuf for built-in types.
      {.what = "protobuf ConfigMap (kubectl create configmap)",
       .method = "POST",
       .path = kCms + "?fieldManager=kubectl-create",
       .body = protobuf_object("ConfigMap", "from-proto", "k", "v"),
       .content_type = kProtobuf},
      {.what = "protobuf Secret (kubectl create secret)",
       .method = "POST",
       .path = "/api/v1/namespaces/{ns}/secrets?fieldManager=kubectl-create",
       .body = protobuf_object("Secret", "from-proto", "k", "v"),
       .content_type = kProtobuf},

      // Delete.
      {.what = "delete", .method = "DELETE", .path = kCms + "/c1"},
      {.what = "delete again", .method = "DELETE", .path = kCms + "/c1"},
      {.what = "delete dry-run", .method = "DELETE", .path = kCms + "/c2?dryRun=All"},
      {.what = "dry-run deleted nothing", .method = "GET", .path = kCms + "/c2"},
  };
}

TEST(ApiServerDifferential, BundledServerAnswersAsTheRealOne) {
  KS_REQUIRE_BACKEND(Backend::Real);
  DeployCluster real(Backend::Real);
  DeployCluster bundled(Backend::Bundled);
  // Both sides work in a namespace of the same name, so names in bodies agree.
  const std::string ns = real.ns();
  Step make_ns{
      .what = "namespace",
      .method = "POST",
      .path = "/api/v1/namespaces",
      .body = R"({"apiVersion":"v1","kind":"Namespace","metadata":{"name":")" + ns + R"("}})"};
  ASSERT_EQ(send(bundled, make_ns, ns).status, 201);

  std::vector<Step> table = steps();
  std::string report;
  for (const Step& step : table) {
    Answer b = send(bundled, step, ns);
    Answer r = send(real, step, ns);
    std::set<std::string> got;
    for (const std::string& d : differences(step, b, r))
      got.insert(ks::str::replace_all(d, ns, "{ns}"));
    std::set<std::string> want(step.known.begin(), step.known.end());
    if (got == want) continue;
    report += "\n" + step.what + " (" + step.method + " " + step.path + "):";
    for (const auto& d : got)
      if (!want.count(d)) report += "\n  new difference:   " + d;
    for (const auto& d : want)
      if (!got.count(d)) report += "\n  no longer differs: " + d;
  }
  EXPECT_EQ(report, "") << "the servers' answers differ other than documented in "
                           "tests/apiserver/README.md (\"Differential test\"):"
                        << report;
}

}  // namespace
