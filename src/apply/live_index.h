#pragma once
// The live copies of the objects about to be applied, read with one LIST per resource and
// namespace (selecting this ApplySet's part-of label) instead of one GET per object: apply needs
// them to tell `configured` from `unchanged`. Objects that are not members yet (new, or made by
// another tool) are absent from the lists; collections that could not be listed (a 403, a kind
// whose CRD is not served yet) are looked up one by one.
#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "apply/plan.h"
#include "kube/session.h"

namespace ks::apply {

class LiveIndex {
 public:
  struct Lookup {
    bool listed = false;                     // false: ask the server for this object
    const nlohmann::json* object = nullptr;  // when listed: the live member, or nullptr
  };

  // Lists every collection the plan's objects live in, `concurrency` lists at a time.
  static LiveIndex load(kube::Session& session, const std::vector<PlannedObject>& plan,
                        const std::string& selector, int concurrency);
  Lookup find(const std::string& object_path) const;

 private:
  std::set<std::string> listed_;                // collection paths
  std::map<std::string, nlohmann::json> live_;  // object path → live object
};

}  // namespace ks::apply
