#include <gtest/gtest.h>

#include "fieldpath.h"
#include "managed_fields.h"
#include "resource_table.h"
#include "ssa.h"

namespace kta {
namespace {

Schema schema_for(const std::string& group, const std::string& plural) {
  ResourceTable table;
  return table.find(group, group.empty() ? "v1" : "v1", plural)->ssa_schema();
}

json configmap(json data, json labels = nullptr) {
  json cm = {{"apiVersion", "v1"},
             {"kind", "ConfigMap"},
             {"metadata", {{"name", "cm"}, {"namespace", "ns"}}},
             {"data", std::move(data)}};
  if (!labels.is_null()) cm["metadata"]["labels"] = labels;
  return cm;
}

WriteRequest by(const std::string& manager, bool force = false, const std::string& now = "T2") {
  return {manager, "v1", now, force};
}

TEST(FieldPath, EncodesFieldsV1AsKubeDoes) {
  Schema s = schema_for("", "configmaps");
  FieldSet set = applied_fields(configmap({{"a", "1"}}, {{"app", "x"}}), s);
  EXPECT_EQ(encode_fields_v1(set).dump(),
            R"({"f:data":{"f:a":{}},"f:metadata":{"f:labels":{"f:app":{}}}})");
  EXPECT_EQ(decode_fields_v1(encode_fields_v1(set)), set);
}

TEST(FieldPath, PathStringsMatchConflictMessages) {
  Path p = make_path({"spec", "ports"});
  p.push_back(PathElement::key({{"port", 80}, {"protocol", "TCP"}}));
  EXPECT_EQ(path_string(p), R"(.spec.ports[port=80,protocol="TCP"])");
  Path f = make_path({"metadata", "finalizers"});
  f.push_back(PathElement::member("x"));
  EXPECT_EQ(path_string(f), R"(.metadata.finalizers[="x"])");
  EXPECT_EQ(PathElement::decode(R"(k:{"name":"c"})").to_string(), R"([name="c"])");
}

TEST(Ssa, ApplyCreatesAndReapplyIsANoOp) {
  Schema s = schema_for("", "configmaps");
  json config = configmap({{"a", "1"}});
  WriteResult first = server_side_apply(json::object(), {}, config, by("kubectl", false, "T1"), s);
  ASSERT_TRUE(first.conflicts.empty());
  ASSERT_EQ(first.managers.size(), 1u);
  EXPECT_EQ(first.managers[0].operation, "Apply");
  EXPECT_EQ(first.object["data"]["a"], "1");
  WriteResult again = server_side_apply(first.object, first.managers, config, by("kubectl"), s);
  EXPECT_EQ(again.object, first.object);
  EXPECT_EQ(again.managers[0].time, "T1");  // unchanged object keeps the old time
}

TEST(Ssa, ConflictWithUpdateManagerThenForce) {
  Schema s = schema_for("", "configmaps");
  json config = configmap({{"a", "1"}, {"b", "2"}});
  WriteResult applied = server_side_apply(json::object(), {}, config, by("kubectl"), s);
  json patched = applied.object;
  patched["data"]["a"] = "9";
  WriteResult updated = record_update(applied.object, patched, applied.managers, by("other"), s);
  ASSERT_EQ(updated.managers.size(), 2u);
  EXPECT_EQ(encode_fields_v1(updated.managers[0].fields).dump(), R"({"f:data":{"f:b":{}}})");
  WriteResult conflict =
      server_side_apply(updated.object, updated.managers, config, by("kubectl"), s);
  ASSERT_EQ(conflict.conflicts.size(), 1u);
  EXPECT_EQ(conflict_message(conflict.conflicts),
            R"(Apply failed with 1 conflict: conflict with "other" using v1: .data.a)");

  WriteResult forced =
      server_side_apply(updated.object, updated.managers, config, by("kubectl", true), s);
  EXPECT_TRUE(forced.conflicts.empty());
  EXPECT_EQ(forced.object["data"]["a"], "1");
  ASSERT_EQ(forced.managers.size(), 1u);  // "other" owned only .data.a and lost it
  EXPECT_EQ(forced.managers[0].manager, "kubectl");
  EXPECT_EQ(encode_fields_v1(forced.managers[0].fields).dump(),
            R"({"f:data":{"f:a":{},"f:b":{}}})");
}

TEST(Ssa, SameValueIsSharedNotAConflict) {
  Schema s = schema_for("", "configmaps");
  WriteResult a = server_side_apply(json::object(), {}, configmap({{"x", "1"}}), by("a"), s);
  WriteResult b = server_side_apply(a.object, a.managers, configmap({{"x", "1"}}), by("b"), s);
  EXPECT_TRUE(b.conflicts.empty());
  ASSERT_EQ(b.managers.size(), 2u);
  WriteResult c = server_side_apply(b.object, b.managers, configmap({{"x", "2"}}), by("c"), s);
  ASSERT_EQ(c.conflicts.size(), 2u);
  EXPECT_EQ(conflict_message(c.conflicts),
            "Apply failed with 2 conflicts: conflicts with \"a\":\n- .data.x\nconflicts with "
            "\"b\":\n- .data.x");
}

TEST(Ssa, DroppedFieldsAreRemovedUnlessSomeoneElseOwnsThem) {
  Schema s = schema_for("", "configmaps");
  WriteResult one =
      server_side_apply(json::object(), {}, configmap({{"a", "1"}, {"b", "2"}}), by("kubectl"), s);
  WriteResult two =
      server_side_apply(one.object, one.managers, configmap({{"a", "1"}}), by("kubectl"), s);
  EXPECT_EQ(two.object["data"], json({{"a", "1"}}));

  WriteResult other =
      server_side_apply(one.object, one.managers, configmap({{"b", "2"}}), by("other"), s);
  WriteResult kept =
      server_side_apply(other.object, other.managers, configmap({{"a", "1"}}), by("kubectl"), s);
  EXPECT_EQ(kept.object["data"], json({{"a", "1"}, {"b", "2"}}));
}

TEST(Ssa, EmptiedMapsDisappear) {
  Schema s = schema_for("", "configmaps");
  WriteResult one = server_side_apply(json::object(), {}, configmap({{"a", "1"}}, {{"app", "x"}}),
                                      by("kubectl"), s);
  json config = configmap({{"a", "1"}});
  WriteResult two = server_side_apply(one.object, one.managers, config, by("kubectl"), s);
  EXPECT_FALSE(two.object["metadata"].contains("labels"));
}

json deployment(json containers) {
  return {{"apiVersion", "apps/v1"},
          {"kind", "Deployment"},
          {"metadata", {{"name", "d"}, {"namespace", "ns"}}},
          {"spec",
           {{"selector", {{"matchLabels", {{"app", "d"}}}}},
            {"template", {{"spec", {{"containers", std::move(containers)}}}}}}}};
}

TEST(Ssa, ContainersMergeByNameAndPortsByKey) {
  Schema s = schema_for("apps", "deployments");
  json c1 = {{{"name", "web"}, {"image", "nginx"}, {"ports", {{{"containerPort", 80}}}}}};
  WriteResult a = server_side_apply(json::object(), {}, deployment(c1), by("a"), s);
  auto fields = encode_fields_v1(a.managers[0].fields);
  const auto& container =
      fields["f:spec"]["f:template"]["f:spec"]["f:containers"]["k:{\"name\":\"web\"}"];
  EXPECT_TRUE(container.contains("."));
  EXPECT_TRUE(container["f:ports"].contains(R"(k:{"containerPort":80,"protocol":"TCP"})"));
  EXPECT_EQ(fields["f:spec"]["f:selector"], json::object());  // LabelSelector is atomic

  json c2 = {{{"name", "sidecar"}, {"image", "envoy"}}};
  WriteResult b = server_side_apply(a.object, a.managers, deployment(c2), by("b"), s);
  ASSERT_TRUE(b.conflicts.empty());
  const auto& containers = b.object["spec"]["template"]["spec"]["containers"];
  ASSERT_EQ(containers.size(), 2u);
  EXPECT_EQ(containers[0]["name"], "web");
  EXPECT_EQ(containers[1]["name"], "sidecar");

  json c3 = {{{"name", "web"}, {"image", "nginx:2"}}};
  WriteResult conflict = server_side_apply(b.object, b.managers, deployment(c3), by("b"), s);
  ASSERT_EQ(conflict.conflicts.size(), 1u);
  EXPECT_EQ(path_string(conflict.conflicts[0].path),
            R"(.spec.template.spec.containers[name="web"].image)");
  WriteResult dropped = server_side_apply(b.object, b.managers, deployment(c1), by("b", true), s);
  const auto& left = dropped.object["spec"]["template"]["spec"]["containers"];
  ASSERT_EQ(left.size(), 1u);  // b stopped applying its sidecar: the whole item goes
  EXPECT_EQ(left[0]["name"], "web");
}

TEST(Ssa, UpdateOwnsWhatItChanged) {
  Schema s = schema_for("", "configmaps");
  WriteResult created =
      record_update(json::object(), configmap({{"a", "1"}}), {}, by("kubectl-create"), s);
  ASSERT_EQ(created.managers.size(), 1u);
  EXPECT_EQ(created.managers[0].operation, "Update");
  EXPECT_EQ(encode_fields_v1(created.managers[0].fields).dump(), R"({"f:data":{".":{},"f:a":{}}})");
  EXPECT_EQ(created.managers[0].describe(), R"("kubectl-create" using v1)");
}

TEST(ManagedFields, SortedApplyFirstThenByTime) {
  Managers m(2);
  m[0] = {"z", "Update", "v1", "T1", "", {make_path({"a"})}};
  m[1] = {"y", "Apply", "v1", "T2", "", {make_path({"b"})}};
  json encoded = encode_managed_fields(m);
  EXPECT_EQ(encoded[0]["manager"], "y");
  EXPECT_EQ(encoded[1]["manager"], "z");
  EXPECT_EQ(decode_managed_fields(encoded).size(), 2u);
}

}  // namespace
}  // namespace kta
