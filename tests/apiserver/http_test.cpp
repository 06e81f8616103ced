// The server over HTTPS without kubectl: status codes, exact Status bodies, dry-run, faults, log.
#include <gtest/gtest.h>

#include <thread>

#include <httplib.h>

#include "server_fixture.h"

namespace {

using ks_test::TestApiServer;
using nlohmann::json;

struct Answer {
  int status = 0;
  json body;
  std::string retry_after;
  std::string content_type;
  std::string warning;
};

class Client {
 public:
  explicit Client(const TestApiServer& server, std::string token = "")
      : client_("127.0.0.1", server.port()) {
    client_.enable_server_certificate_verification(false);
    client_.set_bearer_token_auth(token.empty() ? server.token() : token);
    client_.set_read_timeout(std::chrono::seconds(10));
    client_.set_keep_alive(true);
    client_.set_tcp_nodelay(true);
    client_.set_url_encode(false);  // the tests pass already-encoded queries
  }

  Answer get(const std::string& path, const std::string& accept = "application/json") {
    return wrap(client_.Get(path, {{"Accept", accept}}));
  }
  Answer post(const std::string& path, const json& body) {
    return wrap(client_.Post(path, body.dump(), "application/json"));
  }
  Answer post_as(const std::string& path, const std::string& body, const std::string& type) {
    return wrap(client_.Post(path, body, type));
  }
  Answer put(const std::string& path, const json& body) {
    return wrap(client_.Put(path, body.dump(), "application/json"));
  }
  Answer patch(const std::string& path, const std::string& body, const std::string& type) {
    return wrap(client_.Patch(path, body, type));
  }
  Answer apply(const std::string& path, const std::string& body) {
    return patch(path, body, "application/apply-patch+yaml");
  }
  Answer del(const std::string& path, const json& options = json::object()) {
    return wrap(client_.Delete(path, options.dump(), "application/json"));
  }

 private:
  static Answer wrap(const httplib::Result& res) {
    Answer a;
    if (!res) return a;  // status 0: no answer (connection dropped)
    a.status = res->status;
    a.retry_after = res->get_header_value("Retry-After");
    a.content_type = res->get_header_value("Content-Type");
    a.warning = res->get_header_value("Warning");
    a.body = json::parse(res->body, nullptr, false);
    if (a.body.is_discarded()) a.body = res->body;
    return a;
  }
  httplib::SSLClient client_;
};

const std::string kCms = "/api/v1/namespaces/default/configmaps";

json cm(const std::string& name, json data = {{"a", "1"}}) {
  return {
      {"apiVersion", "v1"}, {"kind", "ConfigMap"}, {"metadata", {{"name", name}}}, {"data", data}};
}

TEST(ApiServerHttp, RejectsRequestsWithoutIdentity) {
  TestApiServer server;
  Answer a = Client(server, "not-the-token").get(kCms);
  EXPECT_EQ(a.status, 401);
  EXPECT_EQ(a.body["reason"], "Unauthorized");
  EXPECT_EQ(a.body["message"], "Unauthorized");
  EXPECT_EQ(Client(server).get(kCms).status, 200);
}

TEST(ApiServerHttp, VersionHealthAndDiscovery) {
  TestApiServer server;
  Client c(server);
  Answer v = c.get("/version");
  EXPECT_EQ(v.body["major"], "1");
  EXPECT_EQ(v.body["minor"], "37");
  EXPECT_EQ(c.get("/healthz").body, "ok");
  Answer legacy = c.get("/api");
  EXPECT_EQ(legacy.body["kind"], "APIVersions");
  Answer aggregated = c.get(
      "/apis",
      "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json");
  EXPECT_EQ(aggregated.content_type,
            "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList");
  EXPECT_EQ(aggregated.body["kind"], "APIGroupDiscoveryList");
  Answer apps = c.get("/apis/apps/v1");
  EXPECT_EQ(apps.body["groupVersion"], "apps/v1");
  Answer nope = c.get("/apis/nope/v1");  // a group nobody serves: Go's plain-text 404
  EXPECT_EQ(nope.status, 404);
  EXPECT_EQ(nope.body, "404 page not found\n");
  EXPECT_EQ(c.get("/api/v1").body.count("apiVersion"), 0u);
  auto ids = c.get("/openapi/v2").body["paths"];
  EXPECT_EQ(ids["/apis/apps/v1/namespaces/{namespace}/deployments/{name}"]["patch"]["operationId"],
            "patchAppsV1NamespacedDeployment");
  EXPECT_EQ(ids["/apis/rbac.authorization.k8s.io/v1/clusterroles/{name}"]["patch"]["operationId"],
            "patchRbacAuthorizationV1ClusterRole");
  Answer root = c.get("/openapi/v3");
  ASSERT_TRUE(root.body["paths"].contains("api/v1"));
  std::string url = root.body["paths"]["api/v1"]["serverRelativeURL"];
  Answer doc = c.get(url);
  auto op = doc.body["paths"]["/api/v1/namespaces/{namespace}/configmaps/{name}"]["patch"];
  EXPECT_EQ(op["x-kubernetes-group-version-kind"]["kind"], "ConfigMap");
  Answer v2 = c.get("/openapi/v2");
  EXPECT_EQ(v2.body["swagger"], "2.0");
  EXPECT_TRUE(v2.body["definitions"].contains("io.k8s.api.apps.v1.Deployment"));
}

TEST(ApiServerHttp, StatusErrorsMatchKube) {
  TestApiServer server;
  Client c(server);
  Answer missing = c.get(kCms + "/x");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.body["message"], "configmaps \"x\" not found");
  EXPECT_EQ(missing.body["details"], json({{"name", "x"}, {"kind", "configmaps"}}));
  EXPECT_EQ(c.get("/apis/apps/v1/namespaces/default/deployments/d").body["message"],
            "deployments.apps \"d\" not found");
  Answer unknown = c.get("/api/v1/namespaces/default/widgets");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(unknown.body["message"], "the server could not find the requested resource");
  EXPECT_EQ(c.get("/api/v1/configmaps/x").status, 404);  // namespaced kind without namespace

  Answer no_ns = c.post("/api/v1/namespaces/nope/configmaps", cm("x"));
  EXPECT_EQ(no_ns.status, 404);
  EXPECT_EQ(no_ns.body["message"], "namespaces \"nope\" not found");

  Answer bad_name = c.post(kCms, cm("Bad_Name"));
  EXPECT_EQ(bad_name.status, 422);
  EXPECT_EQ(bad_name.body["reason"], "Invalid");
  EXPECT_EQ(bad_name.body["message"],
            "ConfigMap \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\": a "
            "lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, "
            "'-' or '.', and must start and end with an alphanumeric character (e.g. "
            "'example.com', regex used for validation is "
            "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");

  EXPECT_EQ(c.post(kCms, cm("x")).status, 201);
  Answer dup = c.post(kCms, cm("x"));
  EXPECT_EQ(dup.status, 409);
  EXPECT_EQ(dup.body["reason"], "AlreadyExists");
  EXPECT_EQ(dup.body["message"], "configmaps \"x\" already exists");

  json stale = cm("x", {{"a", "2"}});
  stale["metadata"]["resourceVersion"] = "1";
  Answer conflict = c.put(kCms + "/x", stale);
  EXPECT_EQ(conflict.status, 409);
  EXPECT_EQ(conflict.body["message"],
            "Operation cannot be fulfilled on configmaps \"x\": the object has been modified; "
            "please apply your changes to the latest version and try again");

  Answer no_manager = c.apply(kCms + "/y", cm("y").dump());
  EXPECT_EQ(no_manager.status, 422);
  EXPECT_EQ(no_manager.body["message"],
            "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required "
            "for apply patch");
  json wrong_version = cm("y");
  wrong_version["apiVersion"] = "v2";
  Answer version = c.apply(kCms + "/yy?fieldManager=t", wrong_version.dump());
  EXPECT_EQ(version.status, 400);
  EXPECT_EQ(
      version.body["message"],
      "Incorrect version specified in apply patch. Specified patch version: v2, expected: v1");
  Answer patch_type = c.patch(kCms + "/x", "{}", "text/plain");
  EXPECT_EQ(patch_type.status, 415);
  EXPECT_EQ(patch_type.body["message"], "415: Unsupported Media Type");
}

TEST(ApiServerHttp, ApplyAcceptsYamlAndDryRunStoresNothing) {
  TestApiServer server;
  Client c(server);
  std::string yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: yy\ndata:\n  k: v\n";
  Answer dry = c.apply(kCms + "/yy?fieldManager=t&dryRun=All", yaml);
  EXPECT_EQ(dry.status, 201);
  EXPECT_EQ(dry.body["data"]["k"], "v");
  EXPECT_EQ(c.get(kCms + "/yy").status, 404);

  Answer created = c.apply(kCms + "/yy?fieldManager=t", yaml);
  EXPECT_EQ(created.status, 201);
  std::string rv = created.body["metadata"]["resourceVersion"];
  Answer same = c.apply(kCms + "/yy?fieldManager=t", yaml);
  EXPECT_EQ(same.status, 200);
  EXPECT_EQ(same.body["metadata"]["resourceVersion"], rv);
  EXPECT_EQ(same.body["metadata"]["managedFields"], created.body["metadata"]["managedFields"]);

  Answer dry_change =
      c.apply(kCms + "/yy?fieldManager=t&dryRun=All", cm("yy", {{"k", "w"}}).dump());
  EXPECT_EQ(dry_change.body["data"]["k"], "w");
  EXPECT_EQ(dry_change.body["metadata"]["resourceVersion"], rv);
  EXPECT_EQ(c.get(kCms + "/yy").body["data"]["k"], "v");

  Answer deleted = c.del(kCms + "/yy?dryRun=All");
  EXPECT_EQ(deleted.status, 200);
  EXPECT_EQ(c.get(kCms + "/yy").status, 200);
}

TEST(ApiServerHttp, GenerationFollowsSpecChanges) {
  TestApiServer server;
  Client c(server);
  json deploy = {{"apiVersion", "apps/v1"},
                 {"kind", "Deployment"},
                 {"metadata", {{"name", "d"}}},
                 {"spec", {{"replicas", 1}}}};
  const std::string path = "/apis/apps/v1/namespaces/default/deployments/d?fieldManager=t";
  EXPECT_EQ(c.apply(path, deploy.dump()).body["metadata"]["generation"], 1);
  deploy["metadata"]["labels"] = {{"x", "y"}};
  EXPECT_EQ(c.apply(path, deploy.dump()).body["metadata"]["generation"], 1);
  deploy["spec"]["replicas"] = 3;
  Answer changed = c.apply(path, deploy.dump());
  EXPECT_EQ(changed.body["metadata"]["generation"], 2);
  EXPECT_FALSE(changed.body["metadata"]["uid"].get<std::string>().empty());
  EXPECT_FALSE(changed.body["metadata"]["creationTimestamp"].get<std::string>().empty());
}

TEST(ApiServerHttp, ListSelectorsAndNamespaceDeletion) {
  TestApiServer server;
  Client c(server);
  ASSERT_EQ(c.post("/api/v1/namespaces", {{"metadata", {{"name", "team"}}}}).status, 201);
  for (auto [name, tier] : {std::pair{"a", "web"}, {"b", "db"}, {"c", "web"}}) {
    json o = cm(name);
    o["metadata"]["labels"] = {{"tier", tier}};
    ASSERT_EQ(c.post("/api/v1/namespaces/team/configmaps", o).status, 201);
  }
  auto names = [&](const std::string& query) {
    std::vector<std::string> out;
    Answer listed = c.get("/api/v1/configmaps?" + query);
    for (const auto& item : listed.body["items"]) {
      // Items of built-in kinds come without apiVersion/kind, as from kube (the list names them).
      EXPECT_FALSE(item.contains("apiVersion") || item.contains("kind")) << item;
      out.push_back(item["metadata"]["name"]);
    }
    return out;
  };
  EXPECT_EQ(names("labelSelector=tier%3Dweb"), (std::vector<std::string>{"a", "c"}));
  EXPECT_EQ(names("labelSelector=tier%20notin%20(web)"), (std::vector<std::string>{"b"}));
  EXPECT_EQ(names("fieldSelector=metadata.name%3Db"), (std::vector<std::string>{"b"}));
  EXPECT_EQ(c.get("/api/v1/configmaps?labelSelector=a%20in%20b").status, 400);

  Answer gone = c.del("/api/v1/namespaces/team", {{"propagationPolicy", "Background"}});
  EXPECT_EQ(gone.status, 200);
  EXPECT_EQ(gone.body["kind"], "Namespace");
  EXPECT_EQ(gone.body["status"]["phase"], "Terminating");
  EXPECT_TRUE(names("").empty());
  EXPECT_EQ(c.get("/api/v1/namespaces/team").status, 404);
  EXPECT_EQ(c.del("/api/v1/namespaces/default").status, 403);
}

TEST(ApiServerHttp, DeleteReturnsStatusAndHonoursFinalizers) {
  TestApiServer server;
  Client c(server);
  json o = cm("f");
  o["metadata"]["finalizers"] = {"example.com/hold"};
  ASSERT_EQ(c.post(kCms, o).status, 201);
  Answer pending = c.del(kCms + "/f");
  EXPECT_EQ(pending.status, 200);
  EXPECT_EQ(pending.body["kind"], "ConfigMap");
  EXPECT_TRUE(pending.body["metadata"].contains("deletionTimestamp"));
  EXPECT_EQ(
      c.patch(kCms + "/f", R"({"metadata":{"finalizers":null}})", "application/merge-patch+json")
          .status,
      200);
  EXPECT_EQ(c.get(kCms + "/f").status, 404);

  ASSERT_EQ(c.post(kCms, cm("g")).status, 201);
  Answer deleted = c.del(kCms + "/g", {{"propagationPolicy", "Background"}});
  EXPECT_EQ(deleted.body["kind"], "Status");
  EXPECT_EQ(deleted.body["status"], "Success");
  EXPECT_EQ(deleted.body["details"]["name"], "g");
  EXPECT_EQ(deleted.body["details"]["kind"], "configmaps");
  EXPECT_EQ(c.del(kCms + "/g").body["message"], "configmaps \"g\" not found");
}

TEST(ApiServerHttp, OwnerReferencesAreGarbageCollected) {
  TestApiServer server;
  Client c(server);
  Answer owner = c.post(kCms, cm("owner"));
  json child = cm("child");
  child["metadata"]["ownerReferences"] = {{{"apiVersion", "v1"},
                                           {"kind", "ConfigMap"},
                                           {"name", "owner"},
                                           {"uid", owner.body["metadata"]["uid"]}}};
  ASSERT_EQ(c.post(kCms, child).status, 201);
  c.del(kCms + "/owner");
  EXPECT_EQ(c.get(kCms + "/child").status, 404);
}

// Reads the first event line of a watch, then hangs up.
json first_watch_event(const TestApiServer& server, const std::string& path) {
  httplib::SSLClient w("127.0.0.1", server.port());
  w.enable_server_certificate_verification(false);
  w.set_bearer_token_auth(server.token());
  w.set_read_timeout(std::chrono::seconds(10));
  std::string received;
  w.Get(path, [&](const char* data, size_t n) {
    received.append(data, n);
    return received.find('\n') == std::string::npos;
  });
  return json::parse(received.substr(0, received.find('\n')), nullptr, false);
}

TEST(ApiServerHttp, WatchStreamsEventsAfterAResourceVersion) {
  TestApiServer server;
  Client c(server);
  std::string rv = c.get(kCms).body["metadata"]["resourceVersion"];
  std::thread writer([&] { Client(server).post(kCms, cm("watched")); });
  json event =
      first_watch_event(server, kCms + "?watch=true&timeoutSeconds=10&resourceVersion=" + rv);
  writer.join();
  EXPECT_EQ(event["type"], "ADDED");
  EXPECT_EQ(event["object"]["metadata"]["name"], "watched");

  json expired = first_watch_event(server, kCms + "?watch=true&resourceVersion=1");
  EXPECT_EQ(expired["type"], "ERROR");
  EXPECT_EQ(expired["object"]["code"], 410);
  // Hung-up watches give their worker back: many in a row still get answers.
  for (int i = 0; i < 80; ++i) {
    json again =
        first_watch_event(server, kCms + "?watch=true&fieldSelector=metadata.name%3Dwatched");
    ASSERT_EQ(again["object"]["metadata"]["name"], "watched") << i;
  }
}

TEST(ApiServerHttp, FaultsAreInjectedAndLogged) {
  TestApiServer server;
  Client c(server);
  server.set_faults("rate=1,kinds=429,max=1");
  Answer throttled = c.get(kCms);
  EXPECT_EQ(throttled.status, 429);
  EXPECT_EQ(throttled.retry_after, "1");
  EXPECT_EQ(c.get(kCms).status, 200);
  EXPECT_EQ(c.get("/version").status, 200);

  server.set_faults("rate=1,kinds=drop,max=1");
  EXPECT_EQ(Client(server).get(kCms).status, 0);
  EXPECT_EQ(Client(server).get(kCms).status, 200);

  server.set_faults("fail-name=^doomed");
  Answer failed = c.post(kCms, cm("doomed-1"));
  EXPECT_EQ(failed.status, 500);
  EXPECT_EQ(failed.body["reason"], "InternalError");
  EXPECT_EQ(c.post(kCms, cm("fine")).status, 201);

  server.set_faults("");
  json log = server.requests();
  std::vector<std::string> faults;
  for (const auto& e : log) faults.push_back(e["fault"]);
  EXPECT_EQ(std::count(faults.begin(), faults.end(), "429"), 1);
  EXPECT_EQ(std::count(faults.begin(), faults.end(), "drop"), 1);
  EXPECT_EQ(std::count(faults.begin(), faults.end(), "500"), 1);
}

TEST(ApiServerHttp, RequestLogRecordsWritesAndResets) {
  TestApiServer server;
  Client c(server);
  c.apply(kCms + "/z?fieldManager=ks", cm("z").dump());
  json log = server.requests();
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0]["method"], "PATCH");
  EXPECT_EQ(log[0]["path"], kCms + "/z");
  EXPECT_EQ(log[0]["query"], "fieldManager=ks");
  EXPECT_EQ(log[0]["content_type"], "application/apply-patch+yaml");
  EXPECT_EQ(log[0]["field_manager"], "ks");
  EXPECT_EQ(log[0]["status"], 201);
  EXPECT_EQ(log[0]["user"], "ks-test-token-user");
  server.reset_log();
  EXPECT_TRUE(server.requests().empty());
}

// Differences from kube-apiserver that clients would trip over, held to what a real server
// answers (tests/apiserver/README.md lists what is left).
TEST(ApiServerHttp, ProtobufBodiesGetA415) {
  TestApiServer srv;
  Client c(srv);
  Answer a = c.post_as("/api/v1/namespaces", std::string("k8s\0\n\x0f", 6),
                       "application/vnd.kubernetes.protobuf");
  EXPECT_EQ(a.status, 415);
  EXPECT_EQ(a.body["reason"], "UnsupportedMediaType");
  EXPECT_EQ(a.body["message"],
            "the body of the request was in an unknown format - accepted media types include: "
            "application/json, application/yaml");
  EXPECT_EQ(c.post_as("/api/v1/namespaces",
                      "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: from-yaml\n",
                      "application/yaml")
                .status,
            201);
}

TEST(ApiServerHttp, VersionsTheRealServerNoLongerServesAre404) {
  TestApiServer srv;
  Client c(srv);
  // A served group answers a Status for a version it does not serve...
  for (const char* path :
       {"/apis/apiextensions.k8s.io/v1beta1/customresourcedefinitions", "/apis/apps/v1beta2"}) {
    Answer a = c.get(path);
    EXPECT_EQ(a.status, 404) << path;
    EXPECT_EQ(a.body["message"], "the server could not find the requested resource") << path;
  }
  // ...a group no longer served at all is unknown to the server's router: plain text.
  for (const char* path :
       {"/apis/extensions/v1beta1/namespaces/default/deployments", "/apis/extensions/v1beta1"}) {
    Answer a = c.get(path);
    EXPECT_EQ(a.status, 404) << path;
    EXPECT_EQ(a.content_type, "text/plain; charset=utf-8") << path;
    EXPECT_EQ(a.body, "404 page not found\n") << path;
  }
  Answer d = c.apply(
      "/apis/extensions/v1beta1/namespaces/default/deployments/web?fieldManager=t",
      R"({"apiVersion":"extensions/v1beta1","kind":"Deployment","metadata":{"name":"web"}})");
  EXPECT_EQ(d.status, 404);
}

TEST(ApiServerHttp, FieldValidationOfBuiltInTypes) {
  TestApiServer srv;
  Client c(srv);
  json body = cm("typo");
  body["data2"] = {{"b", "2"}};
  // Strict: the unknown field is an error, in kube's strict decoding words.
  Answer strict = c.post(kCms + "?fieldValidation=Strict", body);
  EXPECT_EQ(strict.status, 400);
  EXPECT_EQ(strict.body["message"],
            "ConfigMap in version \"v1\" cannot be handled as a ConfigMap: strict decoding error: "
            "unknown field \"data2\"");
  // Warn (also the default): stored without it, and a Warning header says so.
  Answer warn = c.post(kCms + "?fieldValidation=Warn", body);
  EXPECT_EQ(warn.status, 201);
  EXPECT_EQ(warn.warning, "299 - \"unknown field \\\"data2\\\"\"");
  EXPECT_FALSE(warn.body.contains("data2"));
  body["metadata"]["name"] = "quiet";
  Answer ignore = c.post(kCms + "?fieldValidation=Ignore", body);
  EXPECT_EQ(ignore.status, 201);
  EXPECT_EQ(ignore.warning, "");
  // A value of the wrong type is always refused.
  json typed = cm("typed");
  typed["data"]["a"] = 1;
  Answer wrong = c.post(kCms + "?fieldValidation=Ignore", typed);
  EXPECT_EQ(wrong.status, 400);
  EXPECT_EQ(wrong.body["message"],
            "ConfigMap in version \"v1\" cannot be handled as a ConfigMap: json: cannot unmarshal "
            "number into Go struct field ConfigMap.data of type string");
  // Server-side apply converts to the typed object first: unknown or mistyped fields fail that,
  // whatever fieldValidation says, as a plain 500 without a reason, naming the object by the
  // patch's own (here empty) namespace.
  Answer applied =
      c.apply(kCms + "/typo?fieldManager=t&fieldValidation=Ignore",
              R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"typo"},"data2":{}})");
  EXPECT_EQ(applied.status, 500);
  EXPECT_FALSE(applied.body.contains("reason")) << applied.body;
  EXPECT_EQ(applied.body["message"],
            "failed to create typed patch object (/typo; /v1, Kind=ConfigMap): .data2: field not "
            "declared in schema");
  Answer replicas = c.apply(
      "/apis/apps/v1/namespaces/default/deployments/d?fieldManager=t",
      R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d"},"spec":{"replicas":"3"}})");
  EXPECT_EQ(replicas.status, 500);
  EXPECT_NE(replicas.body["message"].get<std::string>().find(
                ".spec.replicas: expected numeric (int or float), got string"),
            std::string::npos)
      << replicas.body;
}

// What decoding into kube's typed objects does: empty omitempty maps vanish, Secrets are Opaque.
TEST(ApiServerHttp, DecodingDropsEmptyMapsAndDefaultsTheSecretType) {
  TestApiServer srv;
  Client c(srv);
  Answer empty = c.post(kCms, cm("empty", json::object()));
  EXPECT_EQ(empty.status, 201);
  EXPECT_FALSE(empty.body.contains("data")) << empty.body;
  EXPECT_FALSE(empty.body["metadata"]["managedFields"][0]["fieldsV1"].contains("f:data"))
      << empty.body;
  Answer secret = c.post("/api/v1/namespaces/default/secrets",
                         {{"apiVersion", "v1"}, {"kind", "Secret"}, {"metadata", {{"name", "s"}}}});
  EXPECT_EQ(secret.status, 201);
  EXPECT_EQ(secret.body["type"], "Opaque");
}

}  // namespace
