#include <gtest/gtest.h>

#include "base/error.h"
#include "selectors.h"

namespace kta {
namespace {

using Labels = std::map<std::string, std::string>;

bool matches(const std::string& selector, const Labels& labels) {
  return parse_label_selector(selector).matches(labels);
}

TEST(LabelSelector, EmptyMatchesEverything) {
  EXPECT_TRUE(matches("", {}));
  EXPECT_TRUE(matches("  ", {{"a", "b"}}));
}

TEST(LabelSelector, EqualityOperators) {
  Labels l = {{"app", "web"}, {"tier", "front"}};
  EXPECT_TRUE(matches("app=web", l));
  EXPECT_TRUE(matches("app==web", l));
  EXPECT_FALSE(matches("app=db", l));
  EXPECT_TRUE(matches("app!=db", l));
  EXPECT_FALSE(matches("app!=web", l));
  EXPECT_TRUE(matches("missing!=x", l));  // != also matches an absent key
  EXPECT_TRUE(matches("app=web,tier=front", l));
  EXPECT_FALSE(matches("app=web, tier=back", l));
}

TEST(LabelSelector, SetOperators) {
  Labels l = {{"env", "prod"}};
  EXPECT_TRUE(matches("env in (prod,staging)", l));
  EXPECT_TRUE(matches("env in ( staging , prod )", l));
  EXPECT_FALSE(matches("env in (dev)", l));
  EXPECT_TRUE(matches("env notin (dev,qa)", l));
  EXPECT_FALSE(matches("env notin (prod)", l));
  EXPECT_TRUE(matches("other notin (prod)", l));
  EXPECT_FALSE(matches("other in (prod)", l));
}

TEST(LabelSelector, ExistenceOperators) {
  Labels l = {{"app.kubernetes.io/name", "x"}};
  EXPECT_TRUE(matches("app.kubernetes.io/name", l));
  EXPECT_FALSE(matches("!app.kubernetes.io/name", l));
  EXPECT_TRUE(matches("!other", l));
  EXPECT_TRUE(matches("app.kubernetes.io/name,!other", l));
  EXPECT_FALSE(matches("other,app.kubernetes.io/name", l));
}

TEST(LabelSelector, MixedRequirements) {
  Labels l = {{"a", "1"}, {"b", "2"}, {"c", "3"}};
  EXPECT_TRUE(matches("a=1,b in (2,3),!d,c,c notin (4)", l));
  EXPECT_FALSE(matches("a=1,b in (3),!d", l));
  EXPECT_TRUE(matches("a>0,c<4", l));
}

TEST(LabelSelector, RejectsBadSyntax) {
  EXPECT_THROW(parse_label_selector("a in b"), ks::Error);
  EXPECT_THROW(parse_label_selector("a in (b"), ks::Error);
  EXPECT_THROW(parse_label_selector("=b"), ks::Error);
  EXPECT_THROW(parse_label_selector("a=b c"), ks::Error);
  EXPECT_THROW(parse_label_selector("a=-b"), ks::Error);
}

TEST(LabelSelector, ReadsObjectLabels) {
  nlohmann::json obj = {{"metadata", {{"name", "x"}, {"labels", {{"app", "web"}}}}}};
  EXPECT_TRUE(parse_label_selector("app=web").matches(obj));
  EXPECT_FALSE(parse_label_selector("app").matches(nlohmann::json{{"metadata", {{"name", "x"}}}}));
}

TEST(FieldSelector, NameAndNamespace) {
  nlohmann::json obj = {{"metadata", {{"name", "x"}, {"namespace", "ns"}}}};
  EXPECT_TRUE(parse_field_selector("metadata.name=x").matches(obj));
  EXPECT_TRUE(parse_field_selector("metadata.name==x,metadata.namespace=ns").matches(obj));
  EXPECT_FALSE(parse_field_selector("metadata.name=y").matches(obj));
  EXPECT_TRUE(parse_field_selector("metadata.name!=y").matches(obj));
  EXPECT_FALSE(parse_field_selector("metadata.namespace!=ns").matches(obj));
  EXPECT_TRUE(parse_field_selector("").matches(obj));
}

TEST(FieldSelector, RejectsUnknownFields) {
  try {
    parse_field_selector("spec.foo=1");
    FAIL() << "expected an error";
  } catch (const ks::Error& e) {
    EXPECT_EQ(std::string(e.what()),
              "\"spec.foo\" is not a known field selector: only \"metadata.name\", "
              "\"metadata.namespace\"");
  }
}

}  // namespace
}  // namespace kta
