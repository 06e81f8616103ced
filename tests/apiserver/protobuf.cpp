#include "protobuf.h"

#include <cstdint>
#include <functional>

#include "certs.h"

namespace kta {

namespace {

using nlohmann::json;

// One protobuf message: calls `field(number, wire_type, varint, bytes)` per field; false when
// the bytes are not a well-formed message.
bool each_field(const std::string& data,
                const std::function<void(int, int, uint64_t, const std::string&)>& field) {
  size_t i = 0;
  auto varint = [&](uint64_t& out) {
    out = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (i >= data.size()) return false;
      auto b = static_cast<unsigned char>(data[i++]);
      out |= static_cast<uint64_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) return true;
    }
    return false;
  };
  while (i < data.size()) {
    uint64_t key = 0, value = 0;
    if (!varint(key)) return false;
    int wire = static_cast<int>(key & 7), number = static_cast<int>(key >> 3);
    std::string bytes;
    if (wire == 0) {
      if (!varint(value)) return false;
    } else if (wire == 2) {
      if (!varint(value) || value > data.size() - i) return false;
      bytes = data.substr(i, value);
      i += value;
    } else if (wire == 1 || wire == 5) {
      size_t n = wire == 1 ? 8 : 4;
      if (n > data.size() - i) return false;
      i += n;
    } else {
      return false;
    }
    field(number, wire, value, bytes);
  }
  return true;
}

// map<string,string> entry: {1: key, 2: value}; map<string,bytes> values are base64 in JSON.
void map_entry(const std::string& entry, json& into, bool bytes = false) {
  std::string key, value;
  each_field(entry, [&](int n, int, uint64_t, const std::string& b) {
    if (n == 1) key = b;
    if (n == 2) value = b;
  });
  into[key] = bytes ? base64(value) : value;
}

json object_meta(const std::string& data) {
  json meta = json::object();
  each_field(data, [&](int n, int wire, uint64_t, const std::string& b) {
    if (wire != 2) return;
    if (n == 1) meta["name"] = b;
    if (n == 2) meta["generateName"] = b;
    if (n == 3) meta["namespace"] = b;
    if (n == 11) map_entry(b, meta["labels"]);
    if (n == 12) map_entry(b, meta["annotations"]);
    if (n == 14) meta["finalizers"].push_back(b);
  });
  return meta;
}

}  // namespace

std::optional<json> decode_kube_protobuf(const std::string& body) {
  static const std::string kMagic("k8s\0", 4);
  if (body.compare(0, kMagic.size(), kMagic) != 0) return std::nullopt;
  std::string api_version, kind, raw;
  bool ok =
      each_field(body.substr(kMagic.size()), [&](int n, int wire, uint64_t, const std::string& b) {
        if (wire != 2) return;
        if (n == 1)
          each_field(b, [&](int m, int, uint64_t, const std::string& t) {
            if (m == 1) api_version = t;
            if (m == 2) kind = t;
          });
        if (n == 2) raw = b;
      });
  if (!ok || api_version != "v1" ||
      (kind != "Namespace" && kind != "ConfigMap" && kind != "Secret"))
    return std::nullopt;
  json out = {{"apiVersion", api_version}, {"kind", kind}, {"metadata", json::object()}};
  ok = each_field(raw, [&](int n, int wire, uint64_t value, const std::string& b) {
    if (n == 1 && wire == 2) out["metadata"] = object_meta(b);
    if (kind == "Namespace" && n == 2 && wire == 2)
      each_field(b, [&](int m, int, uint64_t, const std::string& f) {
        if (m == 1) out["spec"]["finalizers"].push_back(f);
      });
    if (kind == "ConfigMap" && n == 2 && wire == 2) map_entry(b, out["data"]);
    if (kind == "ConfigMap" && n == 3 && wire == 2) map_entry(b, out["binaryData"], true);
    if (kind == "ConfigMap" && n == 4 && wire == 0) out["immutable"] = value != 0;
    if (kind == "Secret" && n == 2 && wire == 2) map_entry(b, out["data"], true);
    if (kind == "Secret" && n == 3 && wire == 2) out["type"] = b;
    if (kind == "Secret" && n == 4 && wire == 2) map_entry(b, out["stringData"]);
    if (kind == "Secret" && n == 5 && wire == 0) out["immutable"] = value != 0;
  });
  if (!ok) return std::nullopt;
  return out;
}

}  // namespace kta
