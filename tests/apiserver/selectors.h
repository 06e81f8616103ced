#pragma once
// Label selectors (the full string grammar of apimachinery's labels.Parse) and the field
// selectors every kind supports (metadata.name, metadata.namespace).
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace kta {

struct Requirement {
  enum class Op { Equals, NotEquals, In, NotIn, Exists, DoesNotExist, GreaterThan, LessThan };
  std::string key;
  Op op = Op::Exists;
  std::vector<std::string> values;
};

struct LabelSelector {
  std::vector<Requirement> requirements;  // all must match; empty matches everything
  bool matches(const std::map<std::string, std::string>& labels) const;
  bool matches(const nlohmann::json& object) const;  // reads metadata.labels
};

// Throws ks::Error with kube's message style on bad syntax.
LabelSelector parse_label_selector(const std::string& text);

struct FieldSelector {
  struct Term {
    std::string field;  // "metadata.name" or "metadata.namespace"
    std::string value;
    bool negate = false;
  };
  std::vector<Term> terms;
  bool matches(const nlohmann::json& object) const;
};

FieldSelector parse_field_selector(const std::string& text);

}  // namespace kta
