#include "prototypes/values.h"

#include <cstdlib>

#include "base/error.h"
#include "base/strings.h"
#include "base/yaml.h"
#include "envs/command_line_value.h"

namespace ks::prototypes {

namespace {

using nlohmann::json;

// A number by the command-line grammar (envs/command_line_value.h), as ksonnet's `ks param set`
// types it: "007" and " 3" are not numbers. Non-finite numbers (1e999) are an error: as a string
// they would hide a typo, as a number they render as null.
bool parse_number(const std::string& name, const std::string& text, json& out) {
  envs::CommandLineValue v =
      envs::type_command_line_value(text, "param --" + name + ": '" + text + "'");
  if (!v.is_number()) return false;
  if (v.kind == envs::CommandLineValue::Kind::Integer) {
    try {
      out = std::stoll(v.text);
      return true;
    } catch (const std::exception&) {
      // Too large for an integer: a double, as JSON readers take it.
    }
  }
  out = std::strtod(v.text.c_str(), nullptr);
  return true;
}

json parse_structured(const Param& param, const std::string& text) {
  json v;
  try {
    v = json::parse(text);
  } catch (const json::out_of_range&) {
    throw Error("param --" + param.name + ": '" + text +
                "' holds a number too large for JSON (it would be infinity)");
  } catch (const json::exception&) {
    try {
      v = yaml::parse(text, "--" + param.name);
    } catch (const Error&) {
      throw Error("param --" + param.name + ": '" + text + "' is not a valid " +
                  type_name(param.type) + " (use JSON, e.g. " +
                  (param.type == ParamType::Array ? "'[\"a\", \"b\"]'" : "'{\"app\": \"web\"}'") +
                  ")");
    }
  }
  bool ok = param.type == ParamType::Array ? v.is_array() : v.is_object();
  if (!ok && !v.is_null()) {
    throw Error("param --" + param.name + ": '" + text + "' is not " +
                (param.type == ParamType::Array ? "an array" : "an object"));
  }
  return v;
}

}  // namespace

std::map<std::string, std::string> parse_flag_args(const std::vector<std::string>& args) {
  std::map<std::string, std::string> out;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (!str::starts_with(a, "--") || a.size() == 2) {
      throw Error("unexpected argument '" + a + "'; prototype params are given as --NAME=VALUE");
    }
    std::string name, value;
    std::size_t eq = a.find('=');
    if (eq != std::string::npos) {
      name = a.substr(2, eq - 2);
      value = a.substr(eq + 1);
    } else {
      name = a.substr(2);
      if (i + 1 < args.size() && !str::starts_with(args[i + 1], "--"))
        value = args[++i];
      else
        value = "true";
    }
    if (name.empty())
      throw Error("unexpected argument '" + a + "'; prototype params are given as --NAME=VALUE");
    if (out.count(name)) throw Error("param --" + name + " is given twice");
    out[name] = value;
  }
  return out;
}

json typed_value(const Param& param, const std::string& text) {
  json number;
  switch (param.type) {
    case ParamType::String:
      return text;
    case ParamType::Number:
      if (parse_number(param.name, text, number)) return number;
      if (text == "null") return nullptr;
      throw Error("param --" + param.name + ": '" + text + "' is not a number");
    case ParamType::NumberOrString:
      if (parse_number(param.name, text, number)) return number;
      return text;
    case ParamType::Bool: {
      envs::CommandLineValue v =
          envs::type_command_line_value(text, "param --" + param.name + ": '" + text + "'");
      if (v.kind == envs::CommandLineValue::Kind::Bool) return v.text == "true";
      if (text == "null") return nullptr;
      throw Error("param --" + param.name + ": '" + text + "' is not a bool (true or false)");
    }
    case ParamType::Array:
    case ParamType::Object:
      return parse_structured(param, text);
  }
  return text;
}

json typed_json(const Param& param, const json& value) {
  if (value.is_string()) return typed_value(param, value.get<std::string>());
  if (value.is_null()) return value;
  bool ok = false;
  switch (param.type) {
    case ParamType::String:
      ok = value.is_primitive();
      break;
    case ParamType::Number:
    case ParamType::NumberOrString:  // strings were handled above
      ok = value.is_number();
      break;
    case ParamType::Bool:
      ok = value.is_boolean();
      break;
    case ParamType::Array:
      ok = value.is_array();
      break;
    case ParamType::Object:
      ok = value.is_object();
      break;
  }
  if (!ok)
    throw Error("param " + param.name + ": " + value.dump() + " is not a " + type_name(param.type));
  if (param.type == ParamType::String) return value.dump();  // 1 or true for a string param
  return value;
}

std::string params_usage(const Prototype& proto) {
  std::string out;
  for (bool required : {true, false}) {
    for (const auto& p : proto.params) {
      if (p.required() == required) out += "  " + usage_line(p) + "\n";
    }
  }
  return out;
}

json resolve_params(const Prototype& proto, const std::map<std::string, std::string>& flags,
                    const json& values) {
  std::vector<std::string> problems;
  auto find = [&](const std::string& name) -> const Param* {
    for (const auto& p : proto.params)
      if (p.name == name) return &p;
    return nullptr;
  };
  for (const auto& [name, text] : flags) {
    if (!find(name)) problems.push_back("unknown param --" + name);
  }
  if (values.is_object()) {
    for (const auto& [name, v] : values.items()) {
      if (!find(name)) problems.push_back("unknown param '" + name + "' in the values file");
    }
  }
  json out = json::object();
  std::vector<std::string> missing;
  for (const auto& p : proto.params) {
    try {
      if (values.is_object() && values.contains(p.name))
        out[p.name] = typed_json(p, values[p.name]);
      else if (auto it = flags.find(p.name); it != flags.end())
        out[p.name] = typed_value(p, it->second);
      else if (p.default_text) {
        out[p.name] =
            with_context("prototype " + proto.name + ": default of @optionalParam " + p.name,
                         [&] { return typed_value(p, *p.default_text); });
      } else
        missing.push_back("--" + p.name);
    } catch (const Error& e) {
      problems.emplace_back(e.what());
    }
  }
  if (!missing.empty())
    problems.push_back("missing required param" + std::string(missing.size() > 1 ? "s " : " ") +
                       str::join(missing, ", "));
  if (problems.empty()) return out;
  std::vector<std::string> required, optional;
  for (const auto& p : proto.params) {
    if (p.required())
      required.push_back(usage_line(p));
    else
      optional.push_back("--" + p.name + "=<" + type_name(p.type) + ">");
  }
  std::string expected;
  if (!required.empty()) expected += " Required: " + str::join(required, "; ") + ".";
  if (!optional.empty()) expected += " Optional: " + str::join(optional, ", ") + ".";
  if (proto.params.empty()) expected = " It takes no params.";
  throw Error("prototype " + proto.name + ": " + str::join(problems, "; ") + "." + expected +
              " See `ks prototype describe " + proto.name + "`");
}

}  // namespace ks::prototypes
