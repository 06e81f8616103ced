#pragma once
// Server-side apply and Update ownership tracking on plain JSON objects, following
// structured-merge-diff's merge/update.go: merge, prune, conflict detection, forced takeover.
// Objects passed in carry no metadata.managedFields (the caller keeps those as Managers).
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "fieldpath.h"
#include "managed_fields.h"
#include "topology.h"

namespace kta {

// Per-type facts the algorithms need.
struct Schema {
  ListTypeFn list_type;
  AtomicMapFn atomic_map;     // may be empty: every map is granular
  std::vector<Path> ignored;  // subtrees never tracked (e.g. `status` behind a status subresource)
};

// The fields a manager owns by applying `config` (typed/tofieldset.go), minus untracked metadata.
FieldSet applied_fields(const json& config, const Schema& schema);

// `config` merged into `live`: maps key by key, associative lists item by item, the rest replaced.
json merge_objects(const json& live, const json& config, const Schema& schema);

struct Comparison {
  FieldSet added, removed, modified;
};
Comparison compare_objects(const json& before, const json& after, const Schema& schema);

struct Conflict {
  std::string manager;  // ManagerEntry::describe()
  Path path;
};
// The Status message kube sends for apply conflicts (§1.3 of kube-protocol.md).
std::string conflict_message(const std::vector<Conflict>& conflicts);

struct WriteRequest {
  std::string manager;
  std::string api_version;
  std::string now;  // RFC 3339 time recorded on changed entries
  bool force = false;
};

struct WriteResult {
  json object;
  Managers managers;
  std::vector<Conflict> conflicts;  // non-empty: nothing was applied
};

WriteResult server_side_apply(const json& live, const Managers& managers, const json& config,
                              const WriteRequest& request, const Schema& schema);

// A non-apply write (create, update, merge patch): the writer takes every field it changed.
WriteResult record_update(const json& live, const json& updated, const Managers& managers,
                          const WriteRequest& request, const Schema& schema);

}  // namespace kta
