#include "names.h"

#include <regex>

namespace kta {

namespace {

std::string quoted(const std::string& s) {
  return "\"" + s + "\"";
}

std::string label_problem(const std::string& name) {
  static const std::regex re("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  if (name.size() > 63)
    return "Invalid value: " + quoted(name) + ": must be no more than 63 characters";
  if (std::regex_match(name, re)) return "";
  return "Invalid value: " + quoted(name) +
         ": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or "
         "'-', and must start and end with an alphanumeric character (e.g. 'my-name',  or "
         "'123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
}

std::string dns1035_problem(const std::string& name) {
  static const std::regex re("[a-z]([-a-z0-9]*[a-z0-9])?");
  if (name.size() > 63)
    return "Invalid value: " + quoted(name) + ": must be no more than 63 characters";
  if (std::regex_match(name, re)) return "";
  return "Invalid value: " + quoted(name) +
         ": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start "
         "with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  "
         "or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
}

std::string subdomain_problem(const std::string& name) {
  static const std::regex re("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  if (name.size() > 253) {
    return "Invalid value: " + quoted(name) + ": must be no more than 253 characters";
  }
  if (std::regex_match(name, re)) return "";
  return "Invalid value: " + quoted(name) +
         ": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, "
         "'-' or '.', and must start and end with an alphanumeric character (e.g. "
         "'example.com', regex used for validation is "
         "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
}

std::string path_segment_problem(const std::string& name) {
  if (name == "." || name == "..") {
    return "Invalid value: " + quoted(name) + ": may not be '" + name + "'";
  }
  for (const char* bad : {"/", "%"}) {
    if (name.find(bad) != std::string::npos) {
      return "Invalid value: " + quoted(name) + ": may not contain '" + bad + "'";
    }
  }
  return "";
}

}  // namespace

std::string name_problem(const std::string& name, NameRule rule) {
  if (name.empty()) return "Required value: name or generateName is required";
  switch (rule) {
    case NameRule::Label:
      return label_problem(name);
    case NameRule::Dns1035:
      return dns1035_problem(name);
    case NameRule::Subdomain:
      return subdomain_problem(name);
    case NameRule::PathSegment:
      return path_segment_problem(name);
  }
  return "";
}

}  // namespace kta
