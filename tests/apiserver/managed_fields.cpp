#include "managed_fields.h"

#include <algorithm>

#include "base/error.h"

namespace kta {

bool ManagerEntry::same_identity(const ManagerEntry& o) const {
  if (manager != o.manager || operation != o.operation || subresource != o.subresource) {
    return false;
  }
  return operation == "Apply" || api_version == o.api_version;
}

std::string ManagerEntry::describe() const {
  std::string out = json(manager).dump();
  if (!subresource.empty()) out += " with subresource " + json(subresource).dump();
  if (operation != "Apply") out += " using " + api_version;
  return out;
}

Managers decode_managed_fields(const json& entries) {
  Managers out;
  if (entries.is_null()) return out;
  if (!entries.is_array()) throw ks::Error("metadata.managedFields must be a list");
  for (const auto& e : entries) {
    if (!e.is_object()) throw ks::Error("metadata.managedFields entries must be objects");
    ManagerEntry m;
    m.manager = e.value("manager", "");
    m.operation = e.value("operation", "");
    m.api_version = e.value("apiVersion", "");
    m.time = e.value("time", "");
    m.subresource = e.value("subresource", "");
    if (e.contains("fieldsV1")) m.fields = decode_fields_v1(e["fieldsV1"]);
    out.push_back(std::move(m));
  }
  return out;
}

json encode_managed_fields(Managers managers) {
  std::stable_sort(managers.begin(), managers.end(), [](const auto& p, const auto& q) {
    return std::tie(p.operation, p.time, p.manager, p.api_version, p.subresource) <
           std::tie(q.operation, q.time, q.manager, q.api_version, q.subresource);
  });
  json out = json::array();
  for (const auto& m : managers) {
    json e = {{"manager", m.manager},
              {"operation", m.operation},
              {"apiVersion", m.api_version},
              {"fieldsType", "FieldsV1"},
              {"fieldsV1", encode_fields_v1(m.fields)}};
    if (!m.time.empty()) e["time"] = m.time;
    if (!m.subresource.empty()) e["subresource"] = m.subresource;
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace kta
