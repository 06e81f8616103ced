#include "render/natives.h"

#include <string>

#include <nlohmann/json.hpp>

#include "base/error.h"
#include "base/yaml.h"
#include "render/jsonnet_api.h"
#include "render/regex.h"

namespace ks::render {

namespace {

JsonnetJsonValue* to_jsonnet(JsonnetVm* vm, const nlohmann::json& v) {
  switch (v.type()) {
    case nlohmann::json::value_t::null:
      return jsonnet_json_make_null(vm);
    case nlohmann::json::value_t::boolean:
      return jsonnet_json_make_bool(vm, v.get<bool>());
    case nlohmann::json::value_t::string:
      return jsonnet_json_make_string(vm, v.get_ref<const std::string&>().c_str());
    case nlohmann::json::value_t::array: {
      JsonnetJsonValue* arr = jsonnet_json_make_array(vm);
      for (const auto& item : v) jsonnet_json_array_append(vm, arr, to_jsonnet(vm, item));
      return arr;
    }
    case nlohmann::json::value_t::object: {
      JsonnetJsonValue* obj = jsonnet_json_make_object(vm);
      for (auto it = v.begin(); it != v.end(); ++it)
        jsonnet_json_object_append(vm, obj, it.key().c_str(), to_jsonnet(vm, it.value()));
      return obj;
    }
    default:
      return jsonnet_json_make_number(vm, v.get<double>());
  }
}

JsonnetJsonValue* fail(JsonnetVm* vm, int* success, const std::string& message) {
  *success = 0;
  return jsonnet_json_make_string(vm, message.c_str());
}

std::string string_arg(JsonnetVm* vm, const JsonnetJsonValue* v, const char* fn, int index) {
  const char* s = jsonnet_json_extract_string(vm, v);
  if (!s)
    throw Error(std::string(fn) + ": argument " + std::to_string(index + 1) + " must be a string");
  return s;
}

template <typename Fn>
JsonnetJsonValue* guarded(JsonnetVm* vm, int* success, Fn&& fn) {
  try {
    *success = 1;
    return fn();
  } catch (const std::exception& e) {
    return fail(vm, success, e.what());
  }
}

JsonnetJsonValue* parse_json(void* ctx, const JsonnetJsonValue* const* argv, int* success) {
  auto* vm = static_cast<JsonnetVm*>(ctx);
  return guarded(vm, success, [&] {
    std::string text = string_arg(vm, argv[0], "parseJson", 0);
    auto parsed = nlohmann::json::parse(text, nullptr, false);
    if (parsed.is_discarded()) throw Error("parseJson: invalid JSON");
    return to_jsonnet(vm, parsed);
  });
}

JsonnetJsonValue* parse_yaml(void* ctx, const JsonnetJsonValue* const* argv, int* success) {
  auto* vm = static_cast<JsonnetVm*>(ctx);
  return guarded(vm, success, [&] {
    auto docs = yaml::parse_all(string_arg(vm, argv[0], "parseYaml", 0), "parseYaml");
    return to_jsonnet(vm, nlohmann::json(docs));
  });
}

JsonnetJsonValue* escape_regex(void* ctx, const JsonnetJsonValue* const* argv, int* success) {
  auto* vm = static_cast<JsonnetVm*>(ctx);
  return guarded(vm, success, [&] {
    auto quoted = regex::quote_meta(string_arg(vm, argv[0], "escapeStringRegex", 0));
    return jsonnet_json_make_string(vm, quoted.c_str());
  });
}

JsonnetJsonValue* regex_match(void* ctx, const JsonnetJsonValue* const* argv, int* success) {
  auto* vm = static_cast<JsonnetVm*>(ctx);
  return guarded(vm, success, [&] {
    return jsonnet_json_make_bool(vm, regex::match(string_arg(vm, argv[0], "regexMatch", 0),
                                                   string_arg(vm, argv[1], "regexMatch", 1)));
  });
}

JsonnetJsonValue* regex_subst(void* ctx, const JsonnetJsonValue* const* argv, int* success) {
  auto* vm = static_cast<JsonnetVm*>(ctx);
  return guarded(vm, success, [&] {
    auto out = regex::substitute(string_arg(vm, argv[0], "regexSubst", 0),
                                 string_arg(vm, argv[1], "regexSubst", 1),
                                 string_arg(vm, argv[2], "regexSubst", 2));
    return jsonnet_json_make_string(vm, out.c_str());
  });
}

}  // namespace

void register_natives(JsonnetVm* vm) {
  static const char* kOne[] = {"str", nullptr};
  static const char* kTwo[] = {"regex", "str", nullptr};
  static const char* kThree[] = {"regex", "src", "repl", nullptr};
  jsonnet_native_callback(vm, "ks.parseJson", parse_json, vm, kOne);
  jsonnet_native_callback(vm, "ks.parseYaml", parse_yaml, vm, kOne);
  jsonnet_native_callback(vm, "ks.escapeStringRegex", escape_regex, vm, kOne);
  jsonnet_native_callback(vm, "ks.regexMatch", regex_match, vm, kTwo);
  jsonnet_native_callback(vm, "ks.regexSubst", regex_subst, vm, kThree);
}

}  // namespace ks::render
